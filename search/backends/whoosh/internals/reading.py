"""What searches read from Whoosh's segments whole (see the package's note): a term's
posting list, a field's terms, lengths and columns, deletions."""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass
from pickle import loads
from typing import Any

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

# A field length as stored (one byte) -> the length Whoosh's scorers see.
LENGTHS = [byte_to_length(byte) for byte in range(256)]
_LENGTH_ARRAY = np.array(LENGTHS, dtype=np.float64)


@dataclass
class Postings:
    """One term's postings in one segment: document numbers, weights (term frequencies)
    and, when asked for in a field with positions, the encoded positions (see
    ``decode_positions``)."""

    ids: np.ndarray
    weights: np.ndarray
    values: Sequence[bytes] | None = None


def read_postings(reader: Any, fieldname: str, text: bytes, *, values: bool = False) -> Postings:
    """A term's postings in one segment, deleted documents included.

    One numpy operation per block of up to 128 postings (a block's ids are stored
    delta-encoded), where a matcher takes a Python step per posting.
    """
    terms = reader._terms
    if (fieldname, text) not in terms:
        return Postings(np.empty(0, dtype=np.int64), np.empty(0), [] if values else None)
    terminfo = terms.term_info(fieldname, text)
    if terminfo.is_inlined():
        ids, weights, inlined = terminfo.inlined_postings()
        return Postings(
            np.asarray(ids, dtype=np.int64),
            np.asarray(weights, dtype=np.float64),
            list(inlined) if values else None,
        )
    matcher = terms.matcher(fieldname, text, reader.schema[fieldname].format)
    id_blocks: list[np.ndarray] = []
    weight_blocks: list[np.ndarray] = []
    value_list: list[bytes] | None = [] if values else None
    while matcher.is_active():
        if matcher._data is None:
            matcher._read_data()
        deltas, weights, block_values = matcher._data
        ids = np.cumsum(np.asarray(deltas, dtype=np.int64))
        id_blocks.append(ids)
        if weights is None or isinstance(weights, float):
            weight_blocks.append(np.full(len(ids), 1.0 if weights is None else weights))
        else:
            weight_blocks.append(np.asarray(weights, dtype=np.float64))
        if value_list is not None:
            value_list.extend(block_values)
        matcher._next_block()
    return Postings(np.concatenate(id_blocks), np.concatenate(weight_blocks), value_list)


def field_terms(reader: Any, fieldname: str) -> list[tuple[bytes, int]]:
    """Every term of a field in one segment, with how many documents have it (deleted
    ones included), in one read of the terms table.

    Whoosh's ``iter_field`` looks each term up again in the table's hash and decodes its
    whole term info, unpickling the postings a rare term keeps inline: seconds for the
    vocabulary of a realistic 10k index, where this takes a tenth of that.
    """
    terms = reader._terms
    number = terms._fieldmap.get(fieldname)
    if number is None:
        return []
    table = terms._tindex
    start = table.closest_key_pos(_FIELD_NUMBER.pack(number))
    if start is None:
        return []
    end = table.endofdata
    if number + 1 < 0x10000:
        end = table.closest_key_pos(_FIELD_NUMBER.pack(number + 1)) or end
    data = table.dbfile.get(start, end - start)
    found = []
    position, size = 0, len(data)
    while position < size:
        key_length, data_length = _ENTRY_LENGTHS.unpack_from(data, position)
        key_start = position + _ENTRY_LENGTHS.size
        info = key_start + key_length
        (frequency,) = _DOC_FREQUENCY.unpack_from(data, info + _DOC_FREQUENCY_AT)
        found.append((data[key_start + _FIELD_NUMBER.size : info], frequency))
        position = info + data_length
    return found


# The terms table's layout (see the package's note).
_ENTRY_LENGTHS = struct.Struct("!ii")
_FIELD_NUMBER = struct.Struct("!H")
_DOC_FREQUENCY = struct.Struct("!I")
_DOC_FREQUENCY_AT = 1 + 4  # after the flags byte and the weight


def decode_positions(value: bytes) -> list[int]:
    """``whoosh.formats.Positions.decode_positions``, without its per-call checks."""
    position, positions = 0, []
    for delta in loads(value[4:] if value.endswith(b".") else value[4:] + b"."):
        position += delta
        positions.append(position)
    return positions


def field_lengths(reader: Any, fieldname: str, size: int) -> np.ndarray:
    """Each of the segment's ``size`` documents' length in a text field, as Whoosh's
    scorers see it (``reader.doc_field_length``)."""
    column = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    lengths: np.ndarray = _LENGTH_ARRAY[_column_array(column, "u1", size)]
    return lengths


def numbers(reader: Any, fieldname: str, size: int) -> np.ndarray:
    """A numeric column's values for the segment's ``size`` documents (0 where unset)."""
    column = None
    if reader.has_column(fieldname):
        column = reader.column_reader(fieldname, translate=False)
    return _column_array(column, ">u4", size).astype(np.int64)


def _column_array(column: Any, dtype: str, size: int) -> np.ndarray:
    """A fixed-width column's values at once, from its bytes (0 past the last one set)."""
    values = np.zeros(size, dtype=np.dtype(dtype).newbyteorder("="))
    count = getattr(column, "_count", 0)
    if count:
        raw = column._dbfile.get(column._basepos, count * column._fixedlen)
        values[:count] = np.frombuffer(raw, dtype=dtype)
    return values


def deleted_docs(reader: Any) -> frozenset[int]:
    """The segment's deleted document numbers."""
    deleted: frozenset[int] = reader.deleted_docs_set
    return deleted


def segment_id(reader: Any) -> str:
    """Unique to the segment (random), whichever searcher opened it."""
    segment: str = reader.segment().segment_id()
    return segment


def leaf_searchers(searcher: Searcher) -> list[tuple[Searcher, int]]:
    """A searcher of each segment, with the segment's first global document number."""
    leaves: list[tuple[Searcher, int]] = searcher.leaf_searchers()
    return leaves
