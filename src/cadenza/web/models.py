from django.db import models


class RecordVersion(models.Model):
    """The record's version: one row (id 1) that every committed write to the record moves.

    Database triggers on every record table bump it (`record_triggers`), so it moves
    whatever wrote: a service, the admin, a bulk insert, raw SQL or another process. The
    page cache and search's word index read it through `selectors.record_version`.
    """

    id = models.SmallIntegerField(primary_key=True)
    version = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"record version {self.version}"
