"""The sentences of a career: gatherings, single performances, and a long career's counts,
years, ensembles, conductors, venues, fellow soloists and works."""

from __future__ import annotations

from datetime import date

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
            )
        for index, moment in enumerate(facts.highlights):
            where = moment.venue + (f" in {moment.city}" if moment.city else "")
            when = f" in {moment.year}" if moment.year else ""
            if moment.works:
                text = f"{self.short} played {listed(list(moment.works))} at {where}{when}"
            else:
                text = f"{self.short} performed at {where}{when}"
            if moment.audience:
                text += f" to {moment.audience}"
            self.say(
                text, rank=Rank.HEADLINE + index, part=Part.CONCERTS, paragraph=Paragraph.CAREER
            )
        if facts.events > 5:
            self.long_career()
        elif facts.conductors and facts.main_role != "conductor":
            self.say(
                f"{self.short} {self.verb('has performed', 'performed')} under "
                f"{'conductors such as ' if not facts.conductors[0].vague else ''}"
                f"{self.names(facts.conductors)}",
                rank=Rank.NOTABLE,
                part=Part.COLLEAGUES,
                paragraph=Paragraph.CAREER,
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
        if named:
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
            others = named[1 : self.size]
            if others:
                self.say(
                    f"{short} also {self.dated('has appeared', 'appeared')} with "
                    f"{self.names(others, counts=True, article=True)}",
                    rank=Rank.LESSER,
                    part=Part.CAREER,
                    paragraph=Paragraph.CAREER,
                )
        conductors = [n for n in facts.conductors if not n.vague]
        vague = [n for n in facts.conductors if n.vague]
        if conductors and facts.main_role != "conductor":
            often = "most often " if conductors[0].count > 1 else ""
            self.say(
                f"{short} {self.dated('has performed', 'performed')} {often}under "
                f"{self.names(conductors, counts=True, also='under')}",
                rank=Rank.MAJOR,
                part=Part.COLLEAGUES,
                paragraph=Paragraph.CAREER,
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
            self.say(
                f"{short}'s concerts on record took place {often}at {self.venues()}",
                rank=Rank.NOTABLE,
                part=Part.CONCERTS,
                paragraph=Paragraph.CAREER,
            )
        if facts.fellow_soloists:
            self.say(
                f"{short} {self.dated('has shared', 'shared')} the stage with fellow "
                f"soloists such as {self.names(facts.fellow_soloists, counts=self.words == 400)}",
                rank=Rank.MINOR,
                part=Part.COLLEAGUES,
                paragraph=Paragraph.CAREER,
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
            self.say(
                f"{short}'s {which} concert on record was in {concert.year}{where}, "
                f"playing {listed(list(concert.works))}{under}",
                rank=rank,
                part=part,
                paragraph=Paragraph.CAREER,
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
            )
        if facts.works:
            played = [n for n in facts.works if n.count > 1]
            if played:
                self.say(
                    f"The works {short} {self.dated('has played', 'played')} most often on "
                    f"record {self.dated('are', 'were')} {self.works(played)}",
                    rank=Rank.MAJOR,
                    part=Part.REPERTOIRE,
                    paragraph=Paragraph.CAREER,
                )
            else:
                self.say(
                    f"{short}'s repertoire on record includes {self.names(facts.works)}",
                    rank=Rank.MAJOR,
                    part=Part.REPERTOIRE,
                    paragraph=Paragraph.CAREER,
                )
