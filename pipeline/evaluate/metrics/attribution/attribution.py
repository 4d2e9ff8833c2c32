"""Statement attribution against reference snippets: precision, recall, missed and invented governments."""
import datasets
import evaluate

from pipeline.evaluate.metrics.attribution.scores import (  # noqa: F401 (re-exported)
    aggregate_articles, covers, score_article)

_DESCRIPTION = """\
Per article, how well the predicted statements of each government cover the reference's verbatim
statement snippets, and which governments were missed or invented.

Matching rule. Text is tokenized into lowercased words of any script (no stemming). A reference
snippet S of government G is MATCHED by a predicted statement P of the same government G when

    |tokens(S) ∩ tokens(P)| / |tokens(S)|  >=  threshold        (default 0.5; multiset intersection)

i.e. at least half of the snippet's tokens appear in the predicted statement. The fraction is
taken over the SNIPPET's tokens, so a predicted statement longer than the snippet (a whole quote
around it) still matches. Matching is not one-to-one: one predicted statement may match several
snippets.

- statement recall of an article = matched snippets / reference snippets;
- statement precision = predicted statements that match at least one snippet of their government
  / predicted statements;
- the ``*_any_government`` variants ignore who said it (a snippet matched by a statement given to
  any government), which separates finding statements from attributing them;
- a reference government is SPEAKING when it has statements or a stance other than "none"; one
  with stance "none" and no statements is non-speaking;
- MISSED: speaking reference governments that the prediction does not contain;
- INVENTED: predicted governments that are not speaking in the reference (absent from it, or
  listed as non-speaking; the latter are also listed under ``invented_non_speaking``).

Aggregates: ``statement_precision``/``statement_recall`` are means over the articles where they
are defined (an article with no predicted statements has no precision; one with no reference
snippets has no recall; the counts are reported), ``statement_f1`` their harmonic mean, and
``micro_*`` the same from totals over all articles.
"""

_KWARGS_DESCRIPTION = """
Args:
    predictions: one item per article: {"governments": [name, ...], "statements": [[text, ...], ...]}
        (statements[i] belong to governments[i]).
    references: one item per article: {"governments": [...], "statements": [[snippet, ...], ...],
        "stances": [label, ...]}.
        ``pipeline.evaluate.metrics._inputs.attribution_prediction/attribution_reference`` build
        both from SPEC-format JSON.
    threshold: fraction of a snippet's tokens that must occur in a predicted statement (0.5).
    return_per_article: also return per-article details (default False).
Returns:
    statement_precision, statement_recall, statement_f1, micro_statement_precision,
    micro_statement_recall, micro_statement_f1, statement_precision_any_government,
    statement_recall_any_government, government_precision, government_recall,
    governments_missed, governments_invented (totals), articles_with_precision,
    articles_with_recall, num_articles, threshold, per_article (if asked).
Examples:
    >>> from pipeline.evaluate.metrics import load_metric
    >>> attribution = load_metric("attribution")
    >>> pred = {"governments": ["South Korea", "Russia"],
    ...         "statements": [["Cooperation must not violate UN Security Council resolutions", "We will respond"],
    ...                        ["Russia is open to talks"]]}
    >>> ref = {"governments": ["South Korea", "North Korea", "China"],
    ...        "statements": [["cooperation between Russia and North Korea must not violate UN Security Council resolutions"],
    ...                       [], ["China supports dialogue"]],
    ...        "stances": ["against", "none", "neutral"]}
    >>> out = attribution.compute(predictions=[pred], references=[ref], return_per_article=True)
    >>> out["statement_precision"], out["statement_recall"]
    (0.3333333333333333, 0.5)
    >>> out["per_article"][0]["missed"], out["per_article"][0]["invented"]
    (['China'], ['Russia'])
"""


@evaluate.utils.file_utils.add_start_docstrings(_DESCRIPTION, _KWARGS_DESCRIPTION)
class Attribution(evaluate.Metric):
    def _info(self):
        strings = datasets.Sequence(datasets.Value("string"))
        return evaluate.MetricInfo(
            description=_DESCRIPTION,
            citation="",
            inputs_description=_KWARGS_DESCRIPTION,
            features=datasets.Features({
                "predictions": {"governments": strings, "statements": datasets.Sequence(strings)},
                "references": {"governments": strings, "statements": datasets.Sequence(strings), "stances": strings},
            }),
        )

    def _compute(self, predictions, references, threshold=0.5, return_per_article=False):
        if not 0 < threshold <= 1:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        arts = [score_article(p, r, threshold) for p, r in zip(predictions, references)]
        return aggregate_articles(arts, threshold, return_per_article)
