"""The sentences of a career: gatherings, single performances, and a long career's counts,
years, ensembles, conductors, venues, fellow soloists and works."""

from __future__ import annotations

from datetime import date

from cadenza.press.biography_kinds import Named
from cadenza.press.writing.phrases import listed, lower_first, number, the, times
from cadenza.press.writing.story import Paragraph, Part, Rank
from cadenza.press.writing.teller import TellerBase


class CareerSentences(TellerBase):
    def career(self) -> None:
        facts = self.facts
        if facts.gatherings:
            told = listed([lower_first(g.name) for g in facts.gatherings[: self.size]])
            self.say(
                f"{self.short}'s career took in {told}",
                rank=Rank.HEADLINE,
                part=Part.CAREER,
                paragraph=Paragraph.CAREER,
                variants=(f"The record tells of {told}",),
            )
        # A hall a milestone names with its city ('an invitation to perform at Carnegie Hall
        # in New York City') is not placed in its city again by the concert it led to.
        milestones = " ".join(m.text for m in facts.milestones)
        for index, moment in enumerate(facts.highlights):
            placed = moment.city and f"{moment.venue} in {moment.city}" in milestones
            where = moment.venue + (f" in {moment.city}" if moment.city and not placed else "")
            when = f" in {moment.year}" if moment.year else ""
            if moment.works:
                text = f"{self.short} played {listed(list(moment.works))} at {where}{when}"
            else:
                text = f"{self.short} performed at {where}{when}"
            if moment.audience:
                text += f" to {moment.audience}"
            # 'In 2023, he performed at Carnegie Hall…' is a wording `refer.py` offers of
            # every sentence that ends on its year.
            self.say(
                text, rank=Rank.HEADLINE + index, part=Part.CONCERTS, paragraph=Paragraph.CAREER
            )
        if facts.events > 5:
            self.long_career()
        elif facts.conductors and facts.main_role != "conductor":
            under = (
                f"{'conductors such as ' if not facts.conductors[0].vague else ''}"
                f"{self.names(facts.conductors)}"
            )
            self.say(
                f"{self.short} {self.verb('has performed', 'performed')} under {under}",
                rank=Rank.NOTABLE,
                part=Part.COLLEAGUES,
                paragraph=Paragraph.CAREER,
                variants=(f"{self.short} also played under {under}",),
            )

    def dated(self, present: str, past: str) -> str:
        """Performances with a closed span of years are told in the past ('appeared ... from
        1944 to 1998'); a career still on record this year or last in the present perfect."""
        last = self.facts.last_year
        recent = last is not None and last >= date.today().year - 1
        return present if recent and not self.ended else past

    def long_career(self) -> None:
        """Many performances: counts, years, the leading ensembles, conductors, venues, works."""
        facts, short = self.facts, self.short
        named = [n for n in facts.ensembles if not n.vague]
        if named and not self.neutral:  # the neutral lead tells the leading ensemble
            top = named[0]
            self.state(top)
            first, last = top.first, top.last  # the years with this ensemble, not all
            span = ""
            if first and last and first != last:
                span = self.dated(f" since {first}", f" from {first} to {last}")
            elif first:
                span = f" in {first}"
            self.say(
                f"{short} {self.dated('has appeared', 'appeared')} with {the(top.name)} "
                f"{times(top.count)}{span}",
                rank=Rank.HEADLINE,
                part=Part.CAREER,
                paragraph=Paragraph.CAREER,
            )
        others = [n for n in named[1 : self.size] if n.count > 1]
        if others:
            listed_others = self.names(others, counts=True, article=True)
            self.say(
                f"{short} also {self.dated('has appeared', 'appeared')} with {listed_others}",
                rank=Rank.LESSER,
                part=Part.CAREER,
                paragraph=Paragraph.CAREER,
                variants=(f"Other ensembles on record include {listed_others}",),
            )
        conductors = [n for n in facts.conductors if not n.vague]
        vague = [n for n in facts.conductors if n.vague]
        if conductors and facts.main_role != "conductor":
            # Counted as the page counts them: concerts together, whatever they conducted.
            often = "most often " if conductors[0].count > 1 else ""
            led = self.names(conductors, counts=True, also="in concerts conducted by")
            self.say(
                f"{short} {self.dated('has appeared', 'appeared')} {often}in concerts "
                f"conducted by {led}",
                rank=Rank.MAJOR,
                part=Part.COLLEAGUES,
                paragraph=Paragraph.CAREER,
                variants=(
                    f"{'Most often, ' if often else 'On record, '}{short} "
                    f"{self.dated('has appeared', 'appeared')} in concerts conducted by {led}",
                ),
            )
            self.also_named(
                conductors,
                f"{short} also {self.dated('has played', 'played')} under {{}}",
                Part.COLLEAGUES,
                "conductors",
            )
        elif vague and facts.main_role != "conductor":
            self.say(
                f"{short} {self.verb('has performed', 'performed')} under {self.names(vague)}",
                rank=Rank.NOTABLE,
                part=Part.COLLEAGUES,
                paragraph=Paragraph.CAREER,
            )
        if facts.venues:
            often = "most often " if facts.venues[0].count > 1 else ""
            venues = self.venues()
            self.say(
                f"{short}'s concerts on record took place {often}at {venues}",
                rank=Rank.NOTABLE,
                part=Part.CONCERTS,
                paragraph=Paragraph.CAREER,
                variants=(f"On record, {short} {self.played} {often}at {venues}",),
            )
        if facts.fellow_soloists:
            fellows = self.names(facts.fellow_soloists, counts=self.words == 400)
            self.say(
                f"Fellow soloists at {short}'s concerts included {fellows}",
                rank=Rank.MINOR,
                part=Part.COLLEAGUES,
                paragraph=Paragraph.CAREER,
                variants=(
                    f"{short} {self.dated('has shared', 'shared')} the stage with fellow "
                    f"soloists such as {fellows}",
                ),
            )
            if self.words == 400:  # counted there, a tie left out: named here
                self.also_named(
                    facts.fellow_soloists,
                    f"{short} also {self.dated('has shared', 'shared')} the stage with {{}}",
                    Part.COLLEAGUES,
                    "fellow soloists",
                )
        for which, concert, rank, part in (
            ("first", facts.first_concert, Rank.NOTABLE, Part.DEBUT),
            ("last", facts.last_concert, Rank.MINOR, Part.REPERTOIRE),
        ):
            if concert is None or not concert.works:
                continue
            where = f" at {concert.venue}" if concert.venue else ""
            where += f" in {concert.city}" if concert.venue and concert.city else ""
            under = f" under {listed(list(concert.conductors))}" if concert.conductors else ""
            played = f"{listed(list(concert.works))}{under}"
            self.say(
                f"{short}'s {which} concert on record was in {concert.year}{where}, "
                f"{self.playing} {played}",
                rank=rank,
                part=part,
                paragraph=Paragraph.CAREER,
                variants=(
                    f"The {which} concert on record was in {concert.year}{where}, with "
                    f"{short} {self.playing} {played}",
                ),
            )
        if facts.busiest:
            busiest = facts.busiest
            self.state(busiest)
            what = f"the {busiest.name}" if busiest.figure == "season" else busiest.name
            self.say(
                f"{short}'s busiest {busiest.figure} on record was {what}, with "
                f"{number(busiest.count)} concerts",
                rank=Rank.LESSER,
                part=Part.COLLEAGUES,
                paragraph=Paragraph.CAREER,
                variants=(
                    f"The busiest {busiest.figure} on record was {what}, with "
                    f"{number(busiest.count)} concerts",
                ),
            )
        self.totals()
        if facts.works:
            repeated = [n for n in facts.works if n.count > 1]
            if repeated:
                works = self.works(repeated)
                self.say(
                    f"The works {short} {self.dated('has ' + self.played, self.played)} most "
                    f"often on record {self.dated('are', 'were')} {works}",
                    rank=Rank.MAJOR,
                    part=Part.REPERTOIRE,
                    paragraph=Paragraph.CAREER,
                    variants=(
                        f"{short}'s most {self.played} works on record "
                        f"{self.dated('are', 'were')} {works}",
                    ),
                )
                self.also_named(
                    facts.works,
                    f"{short}'s repertoire on record also {self.dated('takes', 'took')} in {{}}",
                    Part.REPERTOIRE,
                    "works",
                    shown=self.leading(repeated),
                )
            else:
                self.say(
                    f"{short}'s repertoire on record includes {self.names(facts.works)}",
                    rank=Rank.MAJOR,
                    part=Part.REPERTOIRE,
                    paragraph=Paragraph.CAREER,
                )

    def also_named(
        self,
        named: list[Named],
        text: str,
        part: Part,
        other: str,
        shown: list[Named] | None = None,
    ) -> None:
        """At the longest length, those of a list the counted sentence left out (after its
        leading names, or a tie it would not cut), named without counts: the record has
        more to tell of a long career than its leaders ('Stern also played under …')."""
        if self.words != 400:
            return
        told = {n.name for n in (self.leading(named) if shown is None else shown)}
        rest = [n for n in named if n.name not in told and not n.vague][: self.size]
        if rest:
            said = listed([n.name for n in rest])
            self.say(
                text.format(said),
                rank=Rank.LEAST,
                part=part,
                paragraph=Paragraph.CAREER,
                variants=(f"Other {other} on record {self.dated('include', 'included')} {said}",),
            )

    def totals(self) -> None:
        """The page's figures in one sentence: works, venues, cities, seasons."""
        facts = self.facts
        if not (facts.works_total > 1 and facts.venues_total > 1):
            return
        for kind, count in (
            ("works", facts.works_total),
            ("venues", facts.venues_total),
            ("cities", facts.cities_total),
            ("seasons", facts.seasons_total),
        ):
            self.state(Named("", count, figure=kind))
        cities = f" in {number(facts.cities_total)} cities" if facts.cities_total > 1 else ""
        what = f"{number(facts.works_total)} works at {number(facts.venues_total)} venues{cities}"
        played = self.dated(f"has {self.played}", self.played)
        if facts.seasons_total > 1:
            seasons = number(facts.seasons_total)
            text = f"Over {seasons} seasons on record, {self.short} {played} {what}"
        else:
            text = f"On record, {self.short} {played} {what}"
        self.say(text, rank=Rank.LESSER, part=Part.REPERTOIRE, paragraph=Paragraph.CAREER)
