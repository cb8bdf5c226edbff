"""Understanding words the parser's tables do not list, by meaning.

The parser reads what its tables say; an RM who writes "clients who can stomach volatility" or
"customers with a big brood" uses none of their phrases. The words the parser leaves over are
embedded with the app's query encoder (int8, ``matching_encoder``) and compared with the
lexicon's phrases (embedded once per process); a chunk whose best phrase is close enough, and
clearly closer than any phrase meaning something else, becomes an *inferred* match on that
phrase's concept. Nothing is inferred for a concept the question states (a stated condition
always wins), below the threshold, or twice for one concept.

The call the parser makes, after its readers have run::

    infer_conditions(leftover_chunks, stated_concepts) -> list[InferredMatch]

``leftover_chunks``: the runs of words no reader used (``leftover_chunks()`` cuts them from the
question); ``stated_concepts``: the concepts of the conditions read (``concept_of_field()``). Each
match's ``payload`` is a list of leaf conditions in the evaluation rule format
(``{"field", "op", "value"}``), to be made conditions marked inferred, with ``phrase_in_question``
as their source phrase.
"""

import functools
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

# Tuned on the families, paraphrase and blind question files (README, "Meaning match"): at 0.55 as
# many right inferences as at 0.50 over 511 questions, one wrong fewer.
DEFAULT_THRESHOLD = 0.55
# The best phrase must beat every phrase that means something else by this much: "credit" is as
# close to "good credit" as to "perfect credit", and means neither.
DEFAULT_MARGIN = 0.05
# One word alone ("savings", "tier", "borrowers") is usually the rest of a phrase a reader took in
# part; it is matched only when it is nearly a lexicon phrase itself ("HELOC").
SINGLE_WORD_THRESHOLD = 0.9
MAX_CHUNKS = 4
CHUNK_CACHE_SIZE = 2048
FIELD_CONCEPTS = {"date_of_birth": "age", "customer_since": "tenure_years"}

Encode = Callable[[list[str]], np.ndarray]


@dataclass(frozen=True)
class LexiconEntry:
    """A phrase and what it means; an empty payload marks a concept the match recognises but cannot
    turn into a condition (a date or a number is needed), so that its words infer nothing else."""

    phrase: str
    concept: str
    payload: tuple[dict, ...]

    @property
    def payload_key(self) -> str:
        return repr((self.concept, self.payload))


@dataclass(frozen=True)
class InferredMatch:
    phrase_in_question: str
    lexicon_phrase: str
    concept: str
    payload: tuple[dict, ...]
    score: float


def concept_of_field(field: str) -> str:
    """Age is one concept whether a condition is on ``age`` or on ``date_of_birth``."""
    return FIELD_CONCEPTS.get(field, field)


@functools.cache
def matching_encoder() -> Encode:
    """The app's query encoder, quantised to int8 and on one thread, loaded once per process.

    Chunks are a few words, and on a busy 2-core machine one int8 thread encodes them 2 to 3 times
    faster than the fp32 query session with its thread pool (README, "Meaning match"). The lexicon
    is embedded by the same session, so its scores are comparable.
    """
    from customers.embeddings import OnnxEncoder, onnx_model_file

    encoder = OnnxEncoder(onnx_model_file(quantized=True), threads=1)
    return lambda texts: encoder.encode(texts, batch_size=64)


class MeaningMatcher:
    """A lexicon, its phrases' vectors (embedded on first use) and a cache of chunk vectors."""

    def __init__(
        self,
        lexicon: Sequence[LexiconEntry],
        *,
        threshold: float,
        margin: float = DEFAULT_MARGIN,
        encode: Encode | None = None,
    ):
        self.lexicon = list(lexicon)
        self.threshold = threshold
        self.margin = margin
        meanings: dict[str, int] = {}
        self._payload_ids = np.array(
            [meanings.setdefault(e.payload_key, len(meanings)) for e in self.lexicon]
        )
        self._encode = encode
        self._matrix: np.ndarray | None = None
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self._build_lock = threading.Lock()

    @property
    def encode(self) -> Encode:
        if self._encode is None:
            self._encode = matching_encoder()
        return self._encode

    def matrix(self) -> np.ndarray:
        """The lexicon's phrase vectors, one row per entry, embedded once.

        Each phrase is embedded alone: the int8 model quantises a batch's activations with one
        scale, so a phrase's vector would move (cosine down to 0.94) with the phrases batched beside
        it, and adding one line of lexicon would change what other lines match.
        """
        if self._matrix is None:
            with self._build_lock:
                if self._matrix is None:
                    self._matrix = np.vstack([self.encode([entry.phrase]) for entry in self.lexicon])
        return self._matrix

    def chunk_vectors(self, chunks: list[str]) -> np.ndarray:
        """The chunks' vectors, each new one encoded alone (as the lexicon is, so that a chunk means
        the same beside any other); recent ones come from a cache."""
        found = {chunk: self._cache.get(chunk) for chunk in chunks}
        missing = [chunk for chunk, vector in found.items() if vector is None]
        if missing:
            found.update((chunk, self.encode([chunk])[0]) for chunk in missing)
            with self._lock:
                for chunk in missing:
                    self._cache[chunk] = found[chunk]
                while len(self._cache) > CHUNK_CACHE_SIZE:
                    self._cache.popitem(last=False)
        return np.stack([found[chunk] for chunk in chunks])

    def forget_chunks(self) -> None:
        """Empty the chunk cache (to time a new question's encoding)."""
        with self._lock:
            self._cache.clear()

    def scores(self, chunks: list[str]) -> np.ndarray:
        """Cosine similarity of each chunk (rows) to each lexicon phrase (columns)."""
        return self.chunk_vectors(chunks) @ self.matrix().T

    def infer(
        self,
        leftover_chunks: Iterable[str],
        stated_concepts: Iterable[str],
        *,
        threshold: float | None = None,
    ) -> list[InferredMatch]:
        """The best match per concept, over the threshold, for concepts the question does not state."""
        threshold = self.threshold if threshold is None else threshold
        chunks = [c for c in dict.fromkeys(c.strip() for c in leftover_chunks) if c][:MAX_CHUNKS]
        if not chunks or not self.lexicon:
            return []
        stated = {concept_of_field(c) for c in stated_concepts}
        similarity = self.scores(chunks)
        best: dict[str, InferredMatch] = {}
        for row, chunk in enumerate(chunks):
            column = int(np.argmax(similarity[row]))
            score = float(similarity[row, column])
            entry = self.lexicon[column]
            others = similarity[row][self._payload_ids != self._payload_ids[column]]
            runner_up = float(others.max()) if others.size else -1.0
            needed = SINGLE_WORD_THRESHOLD if len(chunk.split()) == 1 else threshold
            if (
                score < max(needed, threshold)
                or score - runner_up < self.margin
                or not entry.payload
                or entry.concept in stated
            ):
                continue
            if entry.concept not in best or best[entry.concept].score < score:
                best[entry.concept] = InferredMatch(chunk, entry.phrase, entry.concept, entry.payload, score)
        return sorted(best.values(), key=lambda m: -m.score)


def build_matcher(
    lexicon: Sequence[LexiconEntry],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    margin: float = DEFAULT_MARGIN,
    encode: Encode | None = None,
) -> MeaningMatcher:
    """A matcher over the caller's lexicon; ``encode`` (texts -> unit vectors) defaults to
    ``matching_encoder()``."""
    return MeaningMatcher(lexicon, threshold=threshold, margin=margin, encode=encode)


@functools.cache
def default_matcher() -> MeaningMatcher:
    from search.meaning_lexicon import default_lexicon

    return build_matcher(default_lexicon())


def infer_conditions(leftover_chunks: Iterable[str], stated_concepts: Iterable[str]) -> list[InferredMatch]:
    """What the leftover words mean, by the default lexicon (see the module docstring)."""
    return default_matcher().infer(leftover_chunks, stated_concepts)


_TOKEN = re.compile(r"[\w$][\w'\u2019$.-]*|[,;:!?()]")
_BREAKS = {",", ";", ":", "!", "?", "(", ")", "and", "but", "or", "who", "whose", "that", "which", "with"}


def leftover_chunks(question: str, leftover: str, filler: Iterable[str] = ()) -> list[str]:
    """The runs of the question's words that no reader used, in their own wording.

    ``leftover``: the parser's leftover words in order (its ``text``); ``filler``: words that never
    carry meaning on their own (kept inside a run: "play it safe", trimmed at its ends). Runs break
    at words a reader used, at punctuation and at conjunctions.
    """
    filler = {word.lower() for word in filler}
    remaining = [word.lower() for word in leftover.split()]
    chunks, run = [], []

    def close():
        while run and run[-1].lower() in filler:
            run.pop()
        if run:
            chunks.append(" ".join(run))
        run.clear()

    for token in _TOKEN.findall(question):
        lowered = token.lower()
        if remaining and lowered == remaining[0]:
            remaining.pop(0)
            run.append(token)
        elif lowered in _BREAKS or lowered not in filler:
            close()
        elif run:
            run.append(token)
    close()
    return chunks


# Verbs that say little alone and their particles: a chunk of only these and filler ("set up" in
# "want to set up a trust", "get going") is the grammar around a phrase a reader took, and means
# nothing about a customer; matched anyway, it lands on whatever is nearest ("starting out").
LIGHT_WORDS = frozenset(
    """set sets setting up get gets getting got make makes making made take takes taking took go goes
    going went put puts putting keep keeps keeping out off down over back away start starts started
    open opens opening help helps use uses using see know try tries trying let lets way ways thing
    things lot lots bit sort kind type types""".split()
)


def chunks_of_leftover(leftover: Iterable[str]) -> list[str]:
    """The parser's leftover runs (``ParsedQuery.leftover``) cut further at punctuation and
    conjunctions, as ``leftover_chunks`` cuts them, less the chunks of only light words: the
    chunks to match."""
    from search.understanding.lexicon.words import FILLER

    return [
        chunk
        for run in leftover
        for chunk in leftover_chunks(run, run, FILLER)
        if any(word.lower() not in FILLER | LIGHT_WORDS for word in chunk.split())
    ]
