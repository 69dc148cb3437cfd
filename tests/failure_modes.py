# ruff: noqa: E501
"""Every failure mode of the docs build, by warning type, and the one test that covers it.

The warning type is `runbook.<subtype>` for our rules, and sphinx-needs' own (`needs.*`, and
`sn_schema_violation.*` for a schema rule of needs_schema.json) where the need model says it.

Before issue 17 each mode was a full-project build: 116 cases in tests/test_build_failures.py and one in
tests/test_markdown_mapping.py. Now one full build per `runbook.*` subtype remains; the others are unit
tests (tests/unit) or small in-process Sphinx projects (tests/test_rules_in_sphinx.py). A mode may only
go with its test: tests/test_failure_modes.py fails on a mode whose test no longer exists.
"""

from __future__ import annotations

# (warning type, failure mode, pytest node id of the test that covers it)
MODES: list[tuple[str, str, str]] = [
    # Modes of the review record (issue 19): a claim the record no longer vouches for.
    (
        "runbook.suspect",
        "a claim whose spec value moved since its review",
        "tests/test_build_failures.py::test_build_fails_naming_the_culprit[a claim whose spec value moved since its review]",
    ),
    (
        "runbook.suspect",
        "a claim whose referenced need's spec value moved since its review",
        "tests/test_suspect_claims.py::test_prod_workers_mark_the_claims_that_bind_them_and_a_review_clears_them",
    ),
    (
        "runbook.suspect",
        "a claim whose quoted benchmark figure moved since its review",
        "tests/test_suspect_claims.py::test_each_input_marks_exactly_its_claims[a benchmark figure]",
    ),
    (
        "runbook.suspect",
        "a claim whose assumption moved since its review",
        "tests/test_suspect_claims.py::test_each_input_marks_exactly_its_claims[an assumption]",
    ),
    (
        "runbook.suspect",
        "a claim whose cited source anchor moved since its review",
        "tests/test_suspect_claims.py::test_each_input_marks_exactly_its_claims[a source anchor]",
    ),
    (
        "runbook.suspect",
        "a claim whose cited source changed maturity since its review",
        "tests/test_suspect_claims.py::test_each_input_marks_exactly_its_claims[a source maturity]",
    ),
    (
        "runbook.suspect",
        "a review record whose fingerprint does not match its own values",
        "tests/test_suspect_claims.py::test_a_forged_record_fails_at_its_line",
    ),
    (
        "runbook.suspect",
        "the committed review record deleted (left deleted in the work tree, or the deletion committed)",
        "tests/test_claim_review_tools.py::test_a_committed_review_record_cannot_be_dropped_to_silence_the_check",
    ),
    (
        "runbook.suspect",
        "a review record line that is not JSON or lacks a field",
        "tests/unit/test_suspect_claims.py::test_a_malformed_record_is_refused_at_its_line",
    ),
    (
        "runbook.suspect",
        "a review expired by the maturity of the sources the claim rests on",
        "tests/test_suspect_claims.py::test_a_review_expires_by_its_least_mature_source",
    ),
    (
        "runbook.suspect",
        "a claim without a review",
        "tests/test_suspect_claims.py::test_a_new_claim_fails_until_reviewed",
    ),
    # Modes of the source lock (issue 19 item 6): what the online probe recorded of each cited section.
    (
        "runbook.suspect",
        "a claim whose cited source section text changed since its review (source lock)",
        "tests/test_suspect_claims.py::test_a_changed_cited_section_marks_exactly_its_claims_and_a_review_clears_them",
    ),
    (
        "runbook.suspect",
        "a claim whose cited section the probe fetched for the first time since its review",
        "tests/test_suspect_claims.py::test_a_lock_of_sections_never_fetched_leaves_every_fingerprint_and_a_first_fetch_is_new",
    ),
    (
        "runbook.pinpoint",
        "a pinpointed anchor the probe found missing",
        "tests/test_section_drift.py::test_the_probe_s_record_is_reported_at_the_citation[a pinpointed anchor the probe found missing]",
    ),
    (
        "runbook.pinpoint",
        "a pinpoint key term the probe found removed",
        "tests/test_section_drift.py::test_the_probe_s_record_is_reported_at_the_citation[a pinpoint key term the probe found removed]",
    ),
    (
        "runbook.pinpoint",
        "a cited page the probe found gone",
        "tests/test_section_drift.py::test_the_probe_s_record_is_reported_at_the_citation[a cited page the probe found gone]",
    ),
    (
        "runbook.pinpoint",
        "a source lock entry the build cannot read",
        "tests/test_section_drift.py::test_a_lock_entry_the_build_cannot_read_is_refused_at_its_line",
    ),
    (
        "runbook.pinpoint",
        "a source lock that is not JSON",
        "tests/unit/test_section_locks.py::test_a_malformed_lock_entry_is_refused_at_its_line[not-json]",
    ),
    (
        "sn_schema_violation.local_fail",
        "recommendation without source link and not inference",
        "tests/test_rules_in_sphinx.py::test_need_model[recommendation without source link and not inference]",
    ),
    (
        "needs.create_need",
        "recommendation without a basis",
        "tests/test_rules_in_sphinx.py::test_need_model[recommendation without a basis]",
    ),
    (
        "needs.link_outgoing",
        "link to a missing need",
        "tests/test_rules_in_sphinx.py::test_need_model[link to a missing need]",
    ),
    (
        "needs.link_target_type",
        "link to a need of the wrong type",
        "tests/test_rules_in_sphinx.py::test_need_model[link to a need of the wrong type]",
    ),
    (
        "needs.link_target_type",
        "evidence link to a source",
        "tests/test_rules_in_sphinx.py::test_need_model[evidence link to a source]",
    ),
    ("needs.create_need", "source without URL", "tests/test_rules_in_sphinx.py::test_need_model[source without URL]"),
    (
        "sn_schema_violation.field_fail",
        "source with a non-https URL",
        "tests/test_rules_in_sphinx.py::test_need_model[source with a non-https URL]",
    ),
    (
        "sn_schema_violation.field_fail",
        "source URL outside the expected domains",
        "tests/test_rules_in_sphinx.py::test_need_model[source URL outside the expected domains]",
    ),
    ("needs.create_need", "need without an ID", "tests/test_rules_in_sphinx.py::test_need_model[need without an ID]"),
    ("needs.create_need", "malformed ID", "tests/test_rules_in_sphinx.py::test_need_model[malformed ID]"),
    (
        "sn_schema_violation.local_fail",
        "ID with another type's prefix",
        "tests/test_rules_in_sphinx.py::test_need_model[ID with another type's prefix]",
    ),
    ("needs.create_need", "duplicated ID", "tests/test_rules_in_sphinx.py::test_need_model[duplicated ID]"),
    (
        "sn_schema_violation.network_contains_too_few",
        "required citation missing from a recommendation",
        "tests/test_build_failures.py::test_build_fails_naming_the_culprit[required citation missing from a recommendation]",
    ),
    (
        "sn_schema_violation.network_contains_too_few",
        "required source URL missing",
        "tests/test_build_failures.py::test_build_fails_naming_the_culprit[required source URL missing]",
    ),
    (
        "runbook.inference",
        "inference not visibly marked",
        "tests/test_build_failures.py::test_build_fails_naming_the_culprit[inference not visibly marked]",
    ),
    (
        "runbook.sections",
        "section missing",
        "tests/test_build_failures.py::test_build_fails_naming_the_culprit[section missing]",
    ),
    (
        "runbook.sections",
        "sections out of order",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[sections: sections out of order]",
    ),
    (
        "myst.xref_missing",
        "broken internal link in the docs",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[sections: broken internal link in the docs]",
    ),
    (
        "runbook.link",
        "broken link from README to the runbook",
        "tests/test_build_failures.py::test_build_fails_naming_the_culprit[broken link from README to the runbook]",
    ),
    (
        "spelling",
        "misspelled word",
        "tests/test_build_failures.py::test_build_fails_naming_the_culprit[misspelled word]",
    ),
    (
        "runbook.evidence",
        "soak figure edited by hand",
        "tests/unit/test_evidence.py::test_soak_figure_edited_by_hand_is_named_at_its_line",
    ),
    (
        "runbook.evidence",
        "soak rerun whose batch time grows with the output",
        "tests/unit/test_evidence.py::test_committed_relation_holds_and_fails_on_a_slower_rerun[soak rerun whose batch time grows with the output]",
    ),
    (
        "runbook.evidence",
        "progress recording that costs the stream more than its limit",
        "tests/unit/test_evidence.py::test_committed_relation_holds_and_fails_on_a_slower_rerun[progress recording that costs the stream more than its limit]",
    ),
    (
        "runbook.evidence",
        "evidence need pointing at a missing result file",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[evidence: evidence need pointing at a missing result file]",
    ),
    (
        "runbook.evidence",
        "benchmark table reading a missing result file",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[evidence: benchmark table reading a missing result file]",
    ),
    (
        "runbook.claim",
        "a sub-bullet under an index entry (navigation lends no basis)",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[claim: a sub-bullet under an index entry (navigation lends no basis)]",
    ),
    (
        "runbook.claim",
        "new advice written as a plain paragraph",
        "tests/test_build_failures.py::test_build_fails_naming_the_culprit[new advice written as a plain paragraph]",
    ),
    (
        "runbook.claim",
        "baseline bullet without a basis",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[claim: baseline bullet without a basis]",
    ),
    (
        "runbook.claim",
        "checklist row without a basis",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[claim: checklist row without a basis]",
    ),
    (
        "runbook.claim",
        "tuning step without a basis",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[claim: tuning step without a basis]",
    ),
    (
        "runbook.spec",
        "identity table row the spec does not define",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[spec: identity table row the spec does not define]",
    ),
    (
        "runbook.claim",
        "sourced sentence lost its citations",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[claim: sourced sentence lost its citations]",
    ),
    (
        "runbook.claim",
        "tuning step lost its recommendation reference",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[claim: tuning step lost its recommendation reference]",
    ),
    (
        "runbook.claim",
        "prose bound to a source through the need role instead of a citation",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[claim: prose bound to a source through the need role instead of a citation]",
    ),
    (
        "runbook.claim",
        "prose inference mark hidden in an HTML comment",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[claim: prose inference mark hidden in an HTML comment]",
    ),
    (
        "runbook.claim",
        "prose inference mark in mid-paragraph",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[claim: prose inference mark in mid-paragraph]",
    ),
    (
        "runbook.claim",
        "prose inference mark as emphasis, not strong",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[claim: prose inference mark as emphasis, not strong]",
    ),
    (
        "runbook.claim",
        "advice in a new subsection",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[claim: advice in a new subsection]",
    ),
    (
        "runbook.claim",
        "advice in an admonition",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[claim: advice in an admonition]",
    ),
    (
        "runbook.claim",
        "a heading with a figure its section's recommendations do not restate",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[claim: a heading with a figure its section's recommendations do not restate]",
    ),
    (
        "runbook.claim",
        "an admonition title that gives advice",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[claim: an admonition title that gives advice]",
    ),
    (
        "runbook.claim",
        "a figure caption with a figure",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[claim: a figure caption with a figure]",
    ),
    (
        "runbook.claim",
        "a definition-list term that makes a claim its definition's mark does not cover",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[claim: a definition-list term that makes a claim its definition's mark does not cover]",
    ),
    (
        "runbook.claim",
        "a table header row with a figure",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[claim: a table header row with a figure]",
    ),
    (
        "runbook.claim",
        "raw HTML inside a recommendation",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[claim: raw HTML inside a recommendation]",
    ),
    (
        "runbook.claim",
        "a comment inside a shell block",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[claim: a comment inside a shell block]",
    ),
    (
        "runbook.claim",
        "hand-written advice in Source Mapping",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[claim: hand-written advice in Source Mapping]",
    ),
    (
        "runbook.claim",
        "a descriptive mark on a factual sentence",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[claim: a descriptive mark on a factual sentence]",
    ),
    (
        "runbook.claim",
        "a need reference vouching for a sentence the need does not say",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[claim: a need reference vouching for a sentence the need does not say]",
    ),
    (
        "runbook.claim",
        "an inference that has a publisher say something without citing it",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[claim: an inference that has a publisher say something without citing it]",
    ),
    # Issue 18 item 1, more cases per kind (tests/test_issue18_claims_seed.py): each rendered text in another
    # form or with another word; the inflected quantity words and "according to the <publisher> guide" fixed.
    (
        "runbook.claim",
        "a heading that gives advice",
        "tests/test_issue18_claims_seed.py::test_every_rendered_text_is_a_claim[a heading that gives advice]",
    ),
    (
        "runbook.claim",
        "a heading that names a Spark setting key",
        "tests/test_issue18_claims_seed.py::test_every_rendered_text_is_a_claim[a heading that names a Spark setting key]",
    ),
    (
        "runbook.claim",
        "an admonition title with a figure",
        "tests/test_issue18_claims_seed.py::test_every_rendered_text_is_a_claim[an admonition title with a figure]",
    ),
    (
        "runbook.claim",
        "a backtick-fenced admonition title naming a publisher",
        "tests/test_issue18_claims_seed.py::test_every_rendered_text_is_a_claim[a backtick-fenced admonition title naming a publisher]",
    ),
    (
        "runbook.claim",
        "a figure caption that gives advice",
        "tests/test_issue18_claims_seed.py::test_every_rendered_text_is_a_claim[a figure caption that gives advice]",
    ),
    (
        "runbook.claim",
        "a figure caption with a number word, under an alt text",
        "tests/test_issue18_claims_seed.py::test_every_rendered_text_is_a_claim[a figure caption with a number word, under an alt text]",
    ),
    (
        "runbook.claim",
        "a definition-list term that gives advice over a descriptive definition",
        "tests/test_issue18_claims_seed.py::test_every_rendered_text_is_a_claim[a definition-list term that gives advice over a descriptive definition]",
    ),
    (
        "runbook.claim",
        "a definition-list term with a setting key over a reference that does not restate it",
        "tests/test_issue18_claims_seed.py::test_every_rendered_text_is_a_claim[a definition-list term with a setting key over a reference that does not restate it]",
    ),
    (
        "runbook.claim",
        "a table header row that gives advice",
        "tests/test_issue18_claims_seed.py::test_every_rendered_text_is_a_claim[a table header row that gives advice]",
    ),
    (
        "runbook.claim",
        "a new table whose header row names a publisher",
        "tests/test_issue18_claims_seed.py::test_every_rendered_text_is_a_claim[a new table whose header row names a publisher]",
    ),
    (
        "runbook.claim",
        "a raw HTML details block inside a recommendation",
        "tests/test_issue18_claims_seed.py::test_every_rendered_text_is_a_claim[a raw HTML details block inside a recommendation]",
    ),
    (
        "runbook.claim",
        "a raw HTML table inside a recommendation written in the GitHub-readable form",
        "tests/test_issue18_claims_seed.py::test_every_rendered_text_is_a_claim[a raw HTML table inside a recommendation written in the GitHub-readable form]",
    ),
    (
        "runbook.claim",
        "a trailing comment with a figure in a bash block",
        "tests/test_issue18_claims_seed.py::test_every_rendered_text_is_a_claim[a trailing comment with a figure in a bash block]",
    ),
    (
        "runbook.claim",
        "a comment in a step's shell block that does not restate the step's recommendation",
        "tests/test_issue18_claims_seed.py::test_every_rendered_text_is_a_claim[a comment in a step's shell block that does not restate the step's recommendation]",
    ),
    (
        "runbook.claim",
        "a hand-written bullet in Source Mapping that reads like the generated view",
        "tests/test_issue18_claims_seed.py::test_every_rendered_text_is_a_claim[a hand-written bullet in Source Mapping that reads like the generated view]",
    ),
    (
        "runbook.claim",
        "a hand-written table row in Source Mapping",
        "tests/test_issue18_claims_seed.py::test_every_rendered_text_is_a_claim[a hand-written table row in Source Mapping]",
    ),
    (
        "runbook.claim",
        "a descriptive mark on a list item that gives advice",
        "tests/test_issue18_claims_seed.py::test_every_rendered_text_is_a_claim[a descriptive mark on a list item that gives advice]",
    ),
    (
        "runbook.claim",
        "a descriptive mark on a table row that names a setting key",
        "tests/test_issue18_claims_seed.py::test_every_rendered_text_is_a_claim[a descriptive mark on a table row that names a setting key]",
    ),
    (
        "runbook.claim",
        "a descriptive mark on a sentence with a quantity verb",
        "tests/test_issue18_claims_seed.py::test_every_rendered_text_is_a_claim[a descriptive mark on a sentence with a quantity verb]",
    ),
    (
        "runbook.claim",
        "a need reference in a checklist row that says something else",
        "tests/test_issue18_claims_seed.py::test_every_rendered_text_is_a_claim[a need reference in a checklist row that says something else]",
    ),
    (
        "runbook.claim",
        "a need reference in a step sharing one title term",
        "tests/test_issue18_claims_seed.py::test_every_rendered_text_is_a_claim[a need reference in a step sharing one title term]",
    ),
    (
        "runbook.claim",
        "an inference that has Spark say something while citing a Databricks page",
        "tests/test_issue18_claims_seed.py::test_every_rendered_text_is_a_claim[an inference that has Spark say something while citing a Databricks page]",
    ),
    (
        "runbook.claim",
        "an inference list item that says according to Databricks",
        "tests/test_issue18_claims_seed.py::test_every_rendered_text_is_a_claim[an inference list item that says according to Databricks]",
    ),
    (
        "runbook.claim",
        "an inference that says according to the Databricks guide",
        "tests/test_issue18_claims_seed.py::test_every_rendered_text_is_a_claim[an inference that says according to the Databricks guide]",
    ),
    (
        "runbook.claim",
        "an inference recommendation whose text has Databricks say something it does not cite",
        "tests/test_issue18_claims_seed.py::test_every_rendered_text_is_a_claim[an inference recommendation whose text has Databricks say something it does not cite]",
    ),
    (
        "runbook.claim",
        "an inference attributing through 'according to the <publisher> guide', checked without Sphinx",
        "tests/test_issue18_claims_seed.py::test_according_to_a_publisher_with_words_between",
    ),
    (
        "runbook.cite",
        "citation of an unknown source",
        "tests/test_build_failures.py::test_build_fails_naming_the_culprit[citation of an unknown source]",
    ),
    (
        "runbook.cite",
        "citation of a recommendation",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[cite: citation of a recommendation]",
    ),
    (
        "runbook.cite",
        "citation inside a need of a source the need does not link",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[cite: citation inside a need of a source the need does not link]",
    ),
    (
        "runbook.inference",
        "inference need marked only in an HTML comment",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[inference: inference need marked only in an HTML comment]",
    ),
    (
        "runbook.inference",
        "inference need marked only in mid-paragraph",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[inference: inference need marked only in mid-paragraph]",
    ),
    (
        "runbook.inference",
        "inference need marked only in its second paragraph",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[inference: inference need marked only in its second paragraph]",
    ),
    (
        "runbook.inference",
        "inference need marked with emphasis, not strong",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[inference: inference need marked with emphasis, not strong]",
    ),
    (
        "runbook.inference",
        "sourced need carrying our reasoning as an Inference paragraph",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[inference: sourced need carrying our reasoning as an Inference paragraph]",
    ),
    (
        "runbook.inference",
        "sourced need carrying our reasoning marked with underscores",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[inference: sourced need carrying our reasoning marked with underscores]",
    ),
    (
        "sn_schema_violation.local_fail",
        "sourced need without pinpoints",
        "tests/test_rules_in_sphinx.py::test_need_model[sourced need without pinpoints]",
    ),
    (
        "runbook.pinpoint",
        "sourced need missing the pinpoint of one cited source",
        "tests/test_build_failures.py::test_build_fails_naming_the_culprit[sourced need missing the pinpoint of one cited source]",
    ),
    (
        "runbook.pinpoint",
        "pinpoint without a section anchor",
        "tests/unit/test_pinpoints.py::test_pinpoint_problem[pinpoint without a section anchor]",
    ),
    (
        "runbook.pinpoint",
        "pinpoint without key terms",
        "tests/unit/test_pinpoints.py::test_pinpoint_problem[pinpoint without key terms]",
    ),
    (
        "runbook.pinpoint",
        "pinpoint naming a source the need does not cite",
        "tests/unit/test_pinpoints.py::test_pinpoint_problem[pinpoint naming a source the need does not cite]",
    ),
    (
        "runbook.pinpoint",
        "pinpoint that names no source",
        "tests/unit/test_pinpoints.py::test_pinpoint_problem[pinpoint that names no source]",
    ),
    # Issue 18 items 5 and 8: a sourced recommendation's words tied to its pinpoints (pinpoint_words.py).
    (
        "runbook.pinpoint",
        "two recommendations' pinpoints swapped",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[pinwords: two recommendations' pinpoints swapped]",
    ),
    (
        "runbook.pinpoint",
        "a pinpoint's key terms not in the recommendation's text",
        "tests/unit/test_pinpoint_words.py::test_attack_two_recommendations_pinpoints_swapped",
    ),
    (
        "runbook.pinpoint",
        "a key term written as a key that the text says only in other words",
        "tests/unit/test_pinpoint_words.py::test_keys_compare_exactly_and_words_as_whole_words",
    ),
    (
        "runbook.pinpoint",
        "a sourced range changed from one to two times to two to four times",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[pinwords: a sourced range changed from one to two times to two to four times]",
    ),
    (
        "runbook.pinpoint",
        "a sourced range changed, checked without Sphinx",
        "tests/unit/test_pinpoint_words.py::test_attack_a_range_changed_to_two_to_four_times",
    ),
    (
        "runbook.pinpoint",
        "a sourced version changed",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[pinwords: a sourced version changed]",
    ),
    (
        "runbook.pinpoint",
        "a sourced version changed, its pinpoint term gone from the text",
        "tests/unit/test_pinpoint_words.py::test_attack_a_changed_version",
    ),
    (
        "runbook.pinpoint",
        "a figure in a data-notspec span not among the pinpoint terms",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[pinwords: a figure in a data-notspec span not among the pinpoint terms]",
    ),
    (
        "runbook.pinpoint",
        "a figure in a sourced recommendation's title not among its pinpoint terms",
        "tests/unit/test_pinpoint_words.py::test_a_figure_in_the_title_is_checked_too",
    ),
    (
        "runbook.pinpoint",
        "a generic pinpoint term (Databricks)",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[pinwords: a generic pinpoint term (Databricks)]",
    ),
    (
        "runbook.pinpoint",
        "a generic pinpoint term on an inference recommendation",
        "tests/unit/test_pinpoint_words.py::test_an_inference_need_gets_the_stop_list_only",
    ),
    (
        "runbook.pinpoint",
        "a pinpoint term shorter than three characters",
        "tests/unit/test_pinpoint_words.py::test_a_term_shorter_than_three_characters_is_refused",
    ),
    (
        "runbook.pinpoint",
        "a copied recommendation reusing another's pinpoint",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[pinwords: a copied recommendation reusing another's pinpoint]",
    ),
    (
        "runbook.pinpoint",
        "a copied pinpoint with its terms reordered and reworded",
        "tests/unit/test_pinpoint_words.py::test_attack_a_copied_recommendation_reusing_a_pinpoint",
    ),
    (
        "runbook.pinpoint",
        "a pinpoint wording finding not at the pinpoint's line",
        "tests/unit/test_pinpoint_words.py::test_a_pinpoint_finding_names_the_pinpoint_line",
    ),
    (
        "runbook.pinpoint",
        "a figure finding not at the line the figure is written on",
        "tests/unit/test_pinpoint_words.py::test_a_figure_finding_names_the_line_the_figure_is_written_on",
    ),
    # Issue 18 item 5 (tests/test_issue18_register_pins_evidence.py): pinpoints swapped, a generic term, a copied
    # pinpoint, a changed range, a changed version, in other forms and on other elements.
    (
        "runbook.pinpoint",
        "two recommendations' key terms swapped, their sources and anchors kept",
        "tests/test_issue18_register_pins_evidence.py::test_rule_on_a_small_root[pinwords: two recommendations' key terms swapped, their sources and anchors kept]",
    ),
    (
        "runbook.pinpoint",
        "one key term of each of two recommendations swapped (the range and the version)",
        "tests/test_issue18_register_pins_evidence.py::test_rule_on_a_small_root[pinwords: one key term of each of two recommendations swapped (the range and the version)]",
    ),
    (
        "runbook.pinpoint",
        "a generic two-word pinpoint term (Databricks Runtime) added to a pinpoint",
        "tests/test_issue18_register_pins_evidence.py::test_rule_on_a_small_root[pinwords: a generic two-word pinpoint term (Databricks Runtime) added to a pinpoint]",
    ),
    (
        "runbook.pinpoint",
        "a generic pinpoint term in the plural on an inference recommendation (Streams)",
        "tests/test_issue18_register_pins_evidence.py::test_rule_on_a_small_root[pinwords: a generic pinpoint term in the plural on an inference recommendation (Streams)]",
    ),
    (
        "runbook.pinpoint",
        "a copied pinpoint written in other case and number words",
        "tests/test_issue18_register_pins_evidence.py::test_rule_on_a_small_root[pinwords: a copied pinpoint written in other case and number words]",
    ),
    (
        "runbook.pinpoint",
        "a copied pinpoint on a recommendation on another page",
        "tests/test_issue18_register_pins_evidence.py::test_rule_on_a_small_root[pinwords: a copied pinpoint on a recommendation on another page]",
    ),
    (
        "runbook.pinpoint",
        "a sourced range in the title changed from 1-2x to 2-4x",
        "tests/test_issue18_register_pins_evidence.py::test_rule_on_a_small_root[pinwords: a sourced range in the title changed from 1-2x to 2-4x]",
    ),
    (
        "runbook.pinpoint",
        "a sourced range's upper end raised, in digits with an en dash",
        "tests/test_issue18_register_pins_evidence.py::test_rule_on_a_small_root[pinwords: a sourced range's upper end raised, in digits with an en dash]",
    ),
    (
        "runbook.pinpoint",
        "a sourced range changed from one to two times to twice (a quantity word)",
        "tests/test_issue18_register_pins_evidence.py::test_rule_on_a_small_root[pinwords: a sourced range changed from one to two times to twice (a quantity word)]",
    ),
    (
        "runbook.pinpoint",
        "a sourced version changed in the title",
        "tests/test_issue18_register_pins_evidence.py::test_rule_on_a_small_root[pinwords: a sourced version changed in the title]",
    ),
    (
        "runbook.pinpoint",
        "a sourced version changed in the pinpoint term alone",
        "tests/test_issue18_register_pins_evidence.py::test_rule_on_a_small_root[pinwords: a sourced version changed in the pinpoint term alone]",
    ),
    (
        "runbook.pinpoint",
        "citation in prose without a pinpoint",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[pinpoint: citation in prose without a pinpoint]",
    ),
    (
        "runbook.spec",
        "num_workers changed in the spec alone",
        "tests/test_build_failures.py::test_build_fails_naming_the_culprit[num_workers changed in the spec alone]",
    ),
    (
        "runbook.spec",
        "spark_conf value changed in the runbook alone",
        "tests/unit/test_spec_consistency.py::test_snippet_problem[spark_conf value changed in the runbook alone]",
    ),
    (
        "runbook.spec",
        "autoscale block in the runbook snippet",
        "tests/unit/test_spec_consistency.py::test_snippet_problem[autoscale block in the runbook snippet]",
    ),
    (
        "runbook.spec",
        "node type changed in the spec",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[spec: node type changed in the spec]",
    ),
    (
        "runbook.spec",
        "spark conf key in the spec but not in the runbook",
        "tests/unit/test_spec_consistency.py::test_snippet_problem[spark conf key in the spec but not in the runbook]",
    ),
    (
        "runbook.spec",
        "job path in Purpose and Scope does not exist",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[spec: job path in Purpose and Scope does not exist]",
    ),
    (
        "runbook.spec",
        "job name differs from the spec",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[spec: job name differs from the spec]",
    ),
    (
        "runbook.spec",
        "task key differs from the spec",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[spec: task key differs from the spec]",
    ),
    (
        "runbook.spec",
        "query name differs from the spec",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[spec: query name differs from the spec]",
    ),
    (
        "runbook.spark-key",
        "unknown spark key named in the runbook",
        "tests/test_build_failures.py::test_build_fails_naming_the_culprit[unknown spark key named in the runbook]",
    ),
    (
        "runbook.spark-key",
        "Databricks-only key removed from the allow-list",
        "tests/unit/test_spark_keys.py::test_key_problem[Databricks-only key removed from the allow-list]",
    ),
    (
        "runbook.spark-key",
        "Spark key snapshot taken with another PySpark",
        "tests/unit/test_spark_keys.py::test_snapshot_taken_with_another_pyspark",
    ),
    (
        "runbook.spark-key",
        "runbook key missing from the Spark key snapshot",
        "tests/unit/test_spark_keys.py::test_lookup",
    ),
    (
        "runbook.spark-key",
        "open-source key on the Databricks-only allow-list",
        "tests/unit/test_spark_keys.py::test_key_problem[open-source key on the Databricks-only allow-list]",
    ),
    (
        "runbook.spark-key",
        "made-up key allowed with a recommendation instead of a source",
        "tests/unit/test_spark_keys.py::test_key_problem[made-up key allowed with a recommendation instead of a source]",
    ),
    (
        "runbook.spark-key",
        "allow-listed Databricks key that no page names",
        "tests/unit/test_spark_keys.py::test_key_problem[allow-listed Databricks key that no page names]",
    ),
    (
        "runbook.spark-key",
        "unknown key on the evidence page",
        "tests/unit/test_spark_keys.py::test_unknown_key_on_another_page",
    ),
    (
        "runbook.spark-key",
        "unknown key in a need title",
        "tests/unit/test_spark_keys.py::test_unknown_key_in_a_need_title",
    ),
    (
        "runbook.sections",
        "a second H1 with extra advice",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[sections: a second H1 with extra advice]",
    ),
    (
        "runbook.spec",
        "a second disagreeing block tagged yml in the baseline",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[spec: a second disagreeing block tagged yml in the baseline]",
    ),
    (
        "runbook.spec",
        "duplicate key in the YAML snippet",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[spec: duplicate key in the YAML snippet]",
    ),
    (
        "runbook.spec",
        "two identity tables",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[spec: two identity tables]",
    ),
    (
        "runbook.spec",
        "identity label given twice",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[spec: identity label given twice]",
    ),
    (
        "runbook.sections",
        "source -> recommendations matrix removed",
        "tests/unit/test_structure.py::test_generated_views_removed",
    ),
    ("runbook.sections", "traceability graph removed", "tests/unit/test_structure.py::test_generated_views_removed"),
    (
        "runbook.sections",
        "a rewritten Photon sentence",
        "tests/unit/test_structure.py::test_a_rewritten_photon_sentence",
    ),
    (
        "runbook.sections",
        "the scale rule removed",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[sections: the scale rule removed]",
    ),
    (
        "runbook.register",
        "Spark URL moved to another doc version than its range",
        "tests/unit/test_register.py::test_register_problem_at_the_source[Spark URL moved to another doc version than its range]",
    ),
    (
        "sn_schema_violation.local_fail",
        "publisher that does not match the host",
        "tests/test_rules_in_sphinx.py::test_need_model[publisher that does not match the host]",
    ),
    (
        "runbook.register",
        "the same URL registered twice",
        "tests/test_build_failures.py::test_build_fails_naming_the_culprit[the same URL registered twice]",
    ),
    (
        "sn_schema_violation.local_fail",
        "a source declared in the runbook instead of the register",
        "tests/test_rules_in_sphinx.py::test_need_model[a source declared in the runbook instead of the register]",
    ),
    (
        "runbook.register",
        "a sourced claim on a source that does not cover the deployed runtime",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[register: a sourced claim on a source that does not cover the deployed runtime]",
    ),
    (
        "runbook.register",
        "a runtime the conf does not map to a Spark version",
        "tests/unit/test_register.py::test_runtime_the_conf_does_not_map",
    ),
    (
        "runbook.register",
        "a runtime condition the claim's text does not state",
        "tests/unit/test_register.py::test_runtime_condition_lets_a_claim_rely_on_a_newer_page_only_when_stated",
    ),
    (
        "needs.create_need",
        "a source without its maturity",
        "tests/test_rules_in_sphinx.py::test_need_model[a source without its maturity]",
    ),
    (
        "sn_schema_violation.field_fail",
        "a runtime range in free text",
        "tests/test_rules_in_sphinx.py::test_need_model[a runtime range in free text]",
    ),
    (
        "runbook.spec",
        "a need's text says 4 workers while its settings say 2",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[spec: a need's text says 4 workers while its settings say 2]",
    ),
    (
        "runbook.spec",
        "a baseline bullet that says 4 workers",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[spec: a baseline bullet that says 4 workers]",
    ),
    (
        "runbook.spec",
        "a checklist row that says 4 workers",
        "tests/unit/test_spec_values.py::test_unbound_figures_are_found[a checklist row that says 4 workers]",
    ),
    (
        "runbook.spec",
        "a tuning step that says 8 -> 32 partitions",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[spec: a tuning step that says 8 -> 32 partitions]",
    ),
    (
        "runbook.spec",
        "the trigger changed in the spec while the prose keeps the old value",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[spec: the trigger changed in the spec while the prose keeps the old value]",
    ),
    (
        "runbook.spec",
        "the latency budget changed in the spec while the prose keeps the old value",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[spec: the latency budget changed in the spec while the prose keeps the old value]",
    ),
    (
        "runbook.spec",
        "a Spark 3.5 runtime in spec and snippet while the prose says Spark 4.1",
        "tests/unit/test_spec_values.py::test_a_spark_35_runtime_gives_spark_35",
    ),
    (
        "runbook.spec",
        "an unknown spec value",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[spec: an unknown spec value]",
    ),
    (
        "runbook.spec",
        "a backlog threshold typed in the prose",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[spec: a backlog threshold typed in the prose]",
    ),
    (
        "runbook.spec",
        "a health rule changed in the spec while the prose keeps the old threshold",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[spec: a health rule changed in the spec while the prose keeps the old threshold]",
    ),
    (
        "runbook.spec",
        "a partition count typed inside a config line in inline code",
        "tests/unit/test_spec_values.py::test_unbound_figures_are_found[a partition count typed inside a config line in inline code]",
    ),
    (
        "runbook.spec",
        "a need title with a trigger the spec does not set",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[spec: a need title with a trigger the spec does not set]",
    ),
    (
        "runbook.spec",
        "a heading with a worker range the spec does not give",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[spec: a heading with a worker range the spec does not give]",
    ),
    # Issue 18 item 2: figures in every form (words, decimals, k, hyphenated, seconds; prose, table cells,
    # titles, code blocks), a spec value's unit, bare notspec marks, scale-target values, --var names.
    (
        "runbook.spec",
        "number words: three workers",
        "tests/unit/test_spec_values.py::test_figures_in_other_forms_are_found[number words: three workers]",
    ),
    (
        "runbook.spec",
        "number words: sixteen tasks",
        "tests/unit/test_spec_values.py::test_figures_in_other_forms_are_found[number words: sixteen tasks]",
    ),
    (
        "runbook.spec",
        "seconds for a millisecond value",
        "tests/unit/test_spec_values.py::test_figures_in_other_forms_are_found[seconds for a millisecond value]",
    ),
    (
        "runbook.spec",
        "seconds near the word trigger",
        "tests/unit/test_spec_values.py::test_figures_in_other_forms_are_found[seconds near the word trigger]",
    ),
    (
        "runbook.spec",
        "a decimal of seconds near budget",
        "tests/unit/test_spec_values.py::test_figures_in_other_forms_are_found[a decimal of seconds near budget]",
    ),
    (
        "runbook.spec",
        "seconds of backlog that are not the health rule's",
        "tests/unit/test_spec_values.py::test_figures_in_other_forms_are_found[seconds of backlog]",
    ),
    (
        "runbook.spec",
        "12k records",
        "tests/unit/test_spec_values.py::test_figures_in_other_forms_are_found[12k records]",
    ),
    (
        "runbook.spec",
        "hyphenated: 16-core",
        "tests/unit/test_spec_values.py::test_figures_in_other_forms_are_found[hyphenated: 16-core]",
    ),
    (
        "runbook.spec",
        "hyphenated: 4-worker",
        "tests/unit/test_spec_values.py::test_figures_in_other_forms_are_found[hyphenated: 4-worker]",
    ),
    (
        "runbook.spec",
        "number words with hundred",
        "tests/unit/test_spec_values.py::test_figures_in_other_forms_are_found[number words with hundred]",
    ),
    (
        "runbook.spec",
        "a range",
        "tests/unit/test_spec_values.py::test_figures_in_other_forms_are_found[a range]",
    ),
    (
        "runbook.spec",
        "a range with to",
        "tests/unit/test_spec_values.py::test_figures_in_other_forms_are_found[a range with to]",
    ),
    (
        "runbook.spec",
        "milliseconds without a space",
        "tests/unit/test_spec_values.py::test_figures_in_other_forms_are_found[milliseconds without a space]",
    ),
    (
        "runbook.spec",
        "seconds equal to a spec duration in prose",
        "tests/unit/test_spec_values.py::test_seconds_equal_to_a_spec_duration_state_it",
    ),
    (
        "runbook.spec",
        "a worker count in words in a table cell",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[spec: a worker count in words in a table cell]",
    ),
    (
        "runbook.spec",
        "a heading with a worker count in words",
        "tests/unit/test_spec_values.py::test_figures_in_other_forms_in_titles[a heading with a worker count in words]",
    ),
    (
        "runbook.spec",
        "a need title with a trigger in seconds",
        "tests/unit/test_spec_values.py::test_figures_in_other_forms_in_titles[a need title with a trigger in seconds]",
    ),
    (
        "runbook.spec",
        "a heading with a hyphenated core count",
        "tests/unit/test_spec_values.py::test_figures_in_other_forms_in_titles[a heading with a hyphenated core count]",
    ),
    (
        "runbook.spec",
        "a heading with another Spark version",
        "tests/unit/test_spec_values.py::test_figures_in_other_forms_in_titles[a heading with another Spark version]",
    ),
    (
        "runbook.spec",
        "a command in a code block with a trigger in seconds",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[figure: a command in a code block with a trigger in seconds]",
    ),
    (
        "runbook.spec",
        "a worker count in words in a code block",
        "tests/unit/test_spec_values.py::test_figures_in_code_blocks_must_be_spec_values[a worker count in words in a code block]",
    ),
    (
        "runbook.spec",
        "a spec value in another form that means another value",
        "tests/unit/test_spec_values.py::test_a_written_value_in_another_form_is_the_spec_value",
    ),
    (
        "runbook.figure",
        "a vCPU count followed by 'workers'",
        "tests/test_build_failures.py::test_build_fails_naming_the_culprit[a vCPU count followed by 'workers']",
    ),
    (
        "runbook.figure",
        "a partition count followed by workers",
        "tests/unit/test_figures.py::test_a_unit_of_another_key_is_refused[a partition count followed by workers]",
    ),
    (
        "runbook.figure",
        "the backlog seconds followed by ms",
        "tests/unit/test_figures.py::test_a_unit_of_another_key_is_refused[the backlog seconds followed by ms]",
    ),
    (
        "runbook.figure",
        "a bare notspec on a differing figure of a spec kind",
        "tests/unit/test_figures.py::test_a_bare_differing_notspec_is_refused",
    ),
    (
        "runbook.figure",
        "a bare notspec on a differing worker count",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[figure: a bare notspec on a differing worker count]",
    ),
    (
        "runbook.figure",
        "a bare notspec on another Spark version",
        "tests/unit/test_figures.py::test_other_bare_differing_notspecs_are_refused[another Spark version, bare]",
    ),
    (
        "runbook.figure",
        "a bare notspec on a trigger in seconds",
        "tests/unit/test_figures.py::test_other_bare_differing_notspecs_are_refused[a trigger in seconds, bare]",
    ),
    (
        "runbook.figure",
        "a bare notspec on a worker count in words",
        "tests/unit/test_figures.py::test_other_bare_differing_notspecs_are_refused[a worker count in words, bare]",
    ),
    (
        "runbook.figure",
        "a scale-target value where the baseline is meant",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[figure: a scale-target value where the baseline is meant]",
    ),
    (
        "runbook.figure",
        "a scale-target value in a section only titled like a scaling one",
        "tests/unit/test_figures.py::test_a_nested_section_titled_like_a_scaling_role_is_not_one",
    ),
    (
        "runbook.figure",
        "a --var naming no variable the bundle declares",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[figure: a --var naming no variable the bundle declares]",
    ),
    (
        "runbook.figure",
        "a --var value the spec refuses",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[figure: a --var value the spec refuses]",
    ),
    # Issue 18 items 2 and 3, at least three located cases per kind: figures in every form and place
    # (number words, seconds, decimals, 12k, hyphenated, titles, table cells, code blocks, --var, bare
    # notspec, a unit not fitting its key, scale targets) and the spec facts stated (group, notifications,
    # health-rule count, continuous mode), on the small roots (tests/test_issue18_figures_spec.py).
    (
        "runbook.spec",
        "number words: eight partitions in a paragraph",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[figure: number words: eight partitions in a paragraph]",
    ),
    (
        "runbook.spec",
        "number words: sixteen tasks in a list item",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[figure: number words: sixteen tasks in a list item]",
    ),
    (
        "runbook.spec",
        "number words: two hundred partitions on a paragraph's second line",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[figure: number words: two hundred partitions on a paragraph's second line]",
    ),
    (
        "runbook.spec",
        "seconds: a trigger of 2 seconds in prose",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[figure: seconds: a trigger of 2 seconds in prose]",
    ),
    (
        "runbook.spec",
        "seconds: one second equal to the budget with no duration word",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[figure: seconds: one second equal to the budget with no duration word]",
    ),
    (
        "runbook.spec",
        "seconds: a heading with a trigger in seconds",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[figure: seconds: a heading with a trigger in seconds]",
    ),
    (
        "runbook.spec",
        "decimals: a trigger of 0.5 s in prose",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[figure: decimals: a trigger of 0.5 s in prose]",
    ),
    (
        "runbook.spec",
        "decimals: a budget of 1.5 seconds in prose",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[figure: decimals: a budget of 1.5 seconds in prose]",
    ),
    (
        "runbook.spec",
        "decimals: a heading with a trigger of 0.25 s",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[figure: decimals: a heading with a trigger of 0.25 s]",
    ),
    (
        "runbook.spec",
        "12k: a backlog of 12k records in prose",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[figure: 12k: a backlog of 12k records in prose]",
    ),
    (
        "runbook.spec",
        "12k: a heading with 12k records",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[figure: 12k: a heading with 12k records]",
    ),
    (
        "runbook.spec",
        "12k: a code block with 6.5k records",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[figure: 12k: a code block with 6.5k records]",
    ),
    (
        "runbook.spec",
        "12k: a backlog of 12K records in capitals",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[figure: 12k: a backlog of 12K records in capitals]",
    ),
    (
        "runbook.spec",
        "hyphenated: a 16-core cluster in prose",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[figure: hyphenated: a 16-core cluster in prose]",
    ),
    (
        "runbook.spec",
        "hyphenated: a four-worker cluster in words",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[figure: hyphenated: a four-worker cluster in words]",
    ),
    (
        "runbook.spec",
        "hyphenated: a 500-millisecond trigger",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[figure: hyphenated: a 500-millisecond trigger]",
    ),
    (
        "runbook.spec",
        "titles: a heading with a worker count in words",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[figure: titles: a heading with a worker count in words]",
    ),
    (
        "runbook.spec",
        "titles: a need title with a hyphenated worker count",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[figure: titles: a need title with a hyphenated worker count]",
    ),
    (
        "runbook.spec",
        "titles: a heading with another node type",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[figure: titles: a heading with another node type]",
    ),
    (
        "runbook.spec",
        "titles: a heading with another Spark version",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[figure: titles: a heading with another Spark version]",
    ),
    (
        "runbook.spec",
        "table cells: the spec's partition count in digits, unbound",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[figure: table cells: the spec's partition count in digits, unbound]",
    ),
    (
        "runbook.spec",
        "table cells: a trigger in milliseconds",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[figure: table cells: a trigger in milliseconds]",
    ),
    (
        "runbook.spec",
        "table cells: a node type",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[figure: table cells: a node type]",
    ),
    (
        "runbook.spec",
        "code blocks: a worker count in a text block",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[figure: code blocks: a worker count in a text block]",
    ),
    (
        "runbook.spec",
        "code blocks: a budget in milliseconds on a command's third line",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[figure: code blocks: a budget in milliseconds on a command's third line]",
    ),
    (
        "runbook.spec",
        "code blocks: another Spark version",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[figure: code blocks: another Spark version]",
    ),
    (
        "runbook.figure",
        "--var: a code block naming an undeclared variable",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[figure: --var: a code block naming an undeclared variable]",
    ),
    (
        "runbook.figure",
        "--var: inline code naming an undeclared variable in quotes",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[figure: --var: inline code naming an undeclared variable in quotes]",
    ),
    (
        "runbook.figure",
        "--var: inline code giving the pause status a value the spec refuses",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[figure: --var: inline code giving the pause status a value the spec refuses]",
    ),
    (
        "runbook.figure",
        "notspec: a bare worker count in a list item",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[figure: notspec: a bare worker count in a list item]",
    ),
    (
        "runbook.figure",
        "notspec: a bare trigger in seconds",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[figure: notspec: a bare trigger in seconds]",
    ),
    (
        "runbook.figure",
        "notspec: a bare core count in a table cell",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[figure: notspec: a bare core count in a table cell]",
    ),
    (
        "runbook.figure",
        "unit: a partition count followed by workers",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[figure: unit: a partition count followed by workers]",
    ),
    (
        "runbook.figure",
        "unit: a trigger followed by records",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[figure: unit: a trigger followed by records]",
    ),
    (
        "runbook.figure",
        "unit: a core count written for GitHub, hyphenated to worker",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[figure: unit: a core count written for GitHub, hyphenated to worker]",
    ),
    (
        "runbook.figure",
        "scale target: scaled partitions in the baseline",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[figure: scale target: scaled partitions in the baseline]",
    ),
    (
        "runbook.figure",
        "scale target: scaled cores in a recommendation not about scaling",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[figure: scale target: scaled cores in a recommendation not about scaling]",
    ),
    (
        "runbook.figure",
        "scale target: scaled workers written for GitHub under a heading not named for scaling",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[figure: scale target: scaled workers written for GitHub under a heading not named for scaling]",
    ),
    (
        "runbook.spec",
        "group: prod's variables override the operators group in the spec alone",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[spec: group: prod's variables override the operators group in the spec alone]",
    ),
    (
        "runbook.spec",
        "group: the permission granted to a literal group in the spec alone",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[spec: group: the permission granted to a literal group in the spec alone]",
    ),
    (
        "runbook.spec",
        "group: a second group given a permission in the spec alone",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[spec: group: a second group given a permission in the spec alone]",
    ),
    (
        "runbook.spec",
        "group: another group typed in the prose",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[spec: group: another group typed in the prose]",
    ),
    (
        "runbook.spec",
        "notifications: a success notification added in the spec alone",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[spec: notifications: a success notification added in the spec alone]",
    ),
    (
        "runbook.spec",
        "notifications: the backlog alert moved to an email address in the spec alone",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[spec: notifications: the backlog alert moved to an email address in the spec alone]",
    ),
    (
        "runbook.spec",
        "notifications: an event dropped from the prose",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[spec: notifications: an event dropped from the prose]",
    ),
    (
        "runbook.spec",
        "health rules: the only health rule removed in the spec alone",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[spec: health rules: the only health rule removed in the spec alone]",
    ),
    (
        "runbook.spec",
        "health rules: another count written in the span",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[spec: health rules: another count written in the span]",
    ),
    (
        "runbook.spec",
        "health rules: a count in digits typed in the prose",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[spec: health rules: a count in digits typed in the prose]",
    ),
    (
        "runbook.spec",
        "continuous: continuous mode replaced by a file-arrival trigger in the spec alone",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[spec: continuous: continuous mode replaced by a file-arrival trigger in the spec alone]",
    ),
    (
        "runbook.spec",
        "continuous: another mode typed in the span",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[spec: continuous: another mode typed in the span]",
    ),
    (
        "runbook.spec",
        "continuous: prod's pause status typed in the prose",
        "tests/test_issue18_figures_spec.py::test_rule_on_a_small_root[spec: continuous: prod's pause status typed in the prose]",
    ),
    (
        "runbook.spec",
        "prod target overrides the job cluster",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[spec: prod target overrides the job cluster]",
    ),
    (
        "runbook.spec",
        "workers from a variable whose prod value differs",
        "tests/unit/test_spec_values.py::test_a_prod_variable_changes_prod_only",
    ),
    (
        "runbook.spec",
        "tab in the job spec",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[spec: tab in the job spec]",
    ),
    (
        "runbook.spec",
        "duplicate key in the job spec",
        "tests/unit/test_spec_consistency.py::test_unreadable_yaml_names_its_line[duplicate key in the job spec]",
    ),
    (
        "runbook.evidence",
        "summary figure edited by hand",
        "tests/test_build_failures.py::test_build_fails_naming_the_culprit[summary figure edited by hand]",
    ),
    (
        "runbook.evidence",
        "capacity figure edited by hand",
        "tests/unit/test_evidence.py::test_hand_edited_figure_named_at_its_line[capacity figure edited by hand]",
    ),
    (
        "runbook.evidence",
        "results produced by another PySpark",
        "tests/unit/test_evidence.py::test_results_produced_by_another_pyspark",
    ),
    (
        "runbook.evidence",
        "results of a quick smoke run",
        "tests/unit/test_evidence.py::test_results_of_a_quick_smoke_run",
    ),
    (
        "runbook.evidence",
        "rerun whose results no longer support a claim",
        "tests/unit/test_evidence.py::test_evidence_need_problem[rerun whose results no longer support a claim]",
    ),
    (
        "runbook.evidence",
        "evidence relation stronger than the results",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[evidence: evidence relation stronger than the results]",
    ),
    (
        "runbook.evidence",
        "production rate assumption raised beyond what the capacity curve supports",
        "tests/unit/test_evidence.py::test_evidence_need_problem[production rate assumption raised beyond what the capacity curve supports]",
    ),
    (
        "runbook.evidence",
        "an assumption the config does not declare",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[evidence: an assumption the config does not declare]",
    ),
    (
        "runbook.evidence",
        "evidence need pointing at a file that is not a benchmark result",
        "tests/unit/test_evidence.py::test_evidence_need_problem[evidence need pointing at a file that is not a benchmark result]",
    ),
    (
        "runbook.evidence",
        "evidence need naming a figure its result lacks",
        "tests/unit/test_evidence.py::test_evidence_need_problem[evidence need naming a figure its result lacks]",
    ),
    (
        "sn_schema_violation.local_fail",
        "evidence need without a relation",
        "tests/test_rules_in_sphinx.py::test_need_model[evidence need without a relation]",
    ),
    (
        "runbook.evidence",
        "figure quoted on the page that the results lack",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[evidence: figure quoted on the page that the results lack]",
    ),
    (
        "runbook.mapping",
        "the Markdown mapping table is stale",
        "tests/test_markdown_mapping.py::test_stale_table_fails_the_build_naming_the_command",
    ),
    # Issue 18 item 8: a stale mapping row elsewhere than the first, named at its line.
    (
        "runbook.mapping",
        "a stale source line in the middle of the mapping",
        "tests/test_issue18_claims_seed.py::test_a_stale_mapping_row_is_named_at_its_line[a stale source line in the middle of the mapping]",
    ),
    (
        "runbook.mapping",
        "a mapping row removed by hand",
        "tests/test_issue18_claims_seed.py::test_a_stale_mapping_row_is_named_at_its_line[a mapping row removed by hand]",
    ),
    (
        "runbook.mapping",
        "a recommendation added after the last mapping row without regenerating it",
        "tests/test_issue18_claims_seed.py::test_a_stale_mapping_row_is_named_at_its_line[a recommendation added after the last mapping row without regenerating it]",
    ),
    # Modes issue 17's one metamodel added: schema rules of needs_schema.json.
    (
        "sn_schema_violation.local_fail",
        "a Spark source ID on a Databricks page",
        "tests/test_rules_in_sphinx.py::test_need_model[a Spark source ID on a Databricks page]",
    ),
    # Modes the unit tests and small projects added.
    (
        "runbook.cite",
        "citation that names no source",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[cite: citation that names no source]",
    ),
    (
        "runbook.sections",
        "unexpected section",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[sections: unexpected section]",
    ),
    (
        "runbook.spec",
        "snippet key the spec lacks",
        "tests/unit/test_spec_consistency.py::test_snippet_problem[snippet key the spec lacks]",
    ),
    (
        "runbook.spec",
        "snippet not a job_clusters block",
        "tests/unit/test_spec_consistency.py::test_snippet_problem[snippet not a job_clusters block]",
    ),
    (
        "runbook.spec",
        "a Spark version in prose",
        "tests/unit/test_spec_values.py::test_unbound_figures_are_found[a Spark version in prose]",
    ),
    (
        "runbook.spec",
        "milliseconds in prose",
        "tests/unit/test_spec_values.py::test_unbound_figures_are_found[milliseconds in prose]",
    ),
    (
        "sn_schema_violation.local_fail",
        "evidence need without figures",
        "tests/test_rules_in_sphinx.py::test_need_model[evidence need without figures]",
    ),
    (
        "runbook.evidence",
        "relation over an undeclared figure",
        "tests/unit/test_evidence.py::test_evidence_need_problem[relation over an undeclared figure]",
    ),
    (
        "runbook.evidence",
        "a result file that is not JSON",
        "tests/unit/test_evidence.py::test_check_reports_a_stray_unreadable_result_file",
    ),
    (
        "runbook.citation",
        "required recommendation that does not exist",
        "tests/test_build_failures.py::test_build_fails_naming_the_culprit[required recommendation that does not exist]",
    ),
    ("runbook.link", "README.md missing", "tests/unit/test_readme_links.py::test_missing_readme"),
    # Modes of the GitHub-readable source (issue 16): the build still checks what the page shows.
    (
        "needs.create_need",
        "need fields hidden for GitHub in a comment that is never closed",
        "tests/test_rules_in_sphinx.py::test_need_model[need fields hidden for GitHub in a comment that is never closed]",
    ),
    (
        "runbook.spec",
        "a spec value written for GitHub that differs from the spec",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[spec: a spec value written for GitHub that differs from the spec]",
    ),
    (
        "runbook.evidence",
        "a benchmark figure written for GitHub that differs from the results",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[evidence: a benchmark figure written for GitHub that differs from the results]",
    ),
    (
        "runbook.evidence",
        "an assumed figure written for GitHub that differs from conf.py",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[evidence: an assumed figure written for GitHub that differs from conf.py]",
    ),
    (
        "runbook.pinpoint",
        "pinpoint on an inference need that is incomplete",
        "tests/unit/test_pinpoints.py::test_inference_need_needs_no_pinpoint_but_a_written_one_is_checked",
    ),
    # Issue 18 item 4, the canonical register: one page registered once in any URL form, versioned Spark
    # pages, applies_to stating the runtime fields' range, prose links only to registered pages.
    (
        "runbook.register",
        "the same page registered twice through a trailing slash",
        "tests/unit/test_register.py::test_register_problem_at_the_source[the same page registered twice through a trailing slash]",
    ),
    (
        "runbook.register",
        "the same page registered twice through letter case",
        "tests/unit/test_register.py::test_register_problem_at_the_source[the same page registered twice through letter case]",
    ),
    (
        "runbook.register",
        "the same page registered twice through a legacy unprefixed .html path",
        "tests/unit/test_register.py::test_register_problem_at_the_source[the same page registered twice through a legacy unprefixed .html path]",
    ),
    (
        "runbook.register",
        "the same page registered twice through a host in capitals and www",
        "tests/unit/test_register.py::test_register_problem_at_the_source[the same page registered twice through a host in capitals and www]",
    ),
    (
        "runbook.register",
        "the same page registered twice through a ?query",
        "tests/unit/test_register.py::test_register_problem_at_the_source[the same page registered twice through a ?query]",
    ),
    (
        "runbook.register",
        "the same page registered twice through a #fragment",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[register: the same page registered twice through a #fragment]",
    ),
    (
        "runbook.register",
        "the same page registered twice through a legacy path",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[register: the same page registered twice through a legacy path]",
    ),
    (
        "runbook.register",
        "the same page registered twice through a legacy /en/ path",
        "tests/unit/test_register.py::test_register_problem_at_the_source[the same page registered twice through a legacy /en/ path]",
    ),
    (
        "runbook.register",
        "an unversioned Spark doc URL",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[register: an unversioned Spark doc URL]",
    ),
    (
        "runbook.register",
        "unversioned Spark doc URL (latest)",
        "tests/unit/test_register.py::test_register_problem_at_the_source[unversioned Spark doc URL (latest)]",
    ),
    (
        "runbook.register",
        "unversioned Spark doc URL (preview)",
        "tests/unit/test_register.py::test_register_problem_at_the_source[unversioned Spark doc URL (preview)]",
    ),
    (
        "runbook.register",
        "unversioned Spark doc URL (the docs root)",
        "tests/unit/test_register.py::test_register_problem_at_the_source[unversioned Spark doc URL (the docs root)]",
    ),
    (
        "runbook.register",
        "applies_to that disagrees with runtime_min",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[register: applies_to that disagrees with runtime_min]",
    ),
    (
        "runbook.register",
        "applies_to: open range from another minimum",
        "tests/unit/test_applies_to.py::test_applies_to_that_disagrees[open range from another minimum]",
    ),
    (
        "runbook.register",
        "applies_to: open range with a runtime_max",
        "tests/unit/test_applies_to.py::test_applies_to_that_disagrees[open range with a runtime_max]",
    ),
    (
        "runbook.register",
        "applies_to: one version for an open range",
        "tests/unit/test_applies_to.py::test_applies_to_that_disagrees[one version for an open range]",
    ),
    (
        "runbook.register",
        "applies_to: a version outside the closed range",
        "tests/unit/test_applies_to.py::test_applies_to_that_disagrees[a version outside the closed range]",
    ),
    (
        "runbook.register",
        "applies_to: a runtime named for a source that applies to any",
        "tests/unit/test_applies_to.py::test_applies_to_that_disagrees[a runtime named for a source that applies to any]",
    ),
    (
        "runbook.register",
        "applies_to: another product",
        "tests/unit/test_applies_to.py::test_applies_to_that_disagrees[another product]",
    ),
    (
        "runbook.register",
        "applies_to: no range stated",
        "tests/unit/test_applies_to.py::test_applies_to_that_disagrees[no range stated]",
    ),
    (
        "runbook.register",
        "applies_to: the range stated only in a caveat",
        "tests/unit/test_applies_to.py::test_applies_to_that_disagrees[the range stated only in a caveat]",
    ),
    (
        "runbook.register",
        "a prose link to a page outside the register",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[register: a prose link to a page outside the register]",
    ),
    (
        "runbook.register",
        "a prose link to another cloud's page, a docs root or another site",
        "tests/unit/test_prose_links.py::test_unregistered_pages_fail_at_the_line_of_the_url",
    ),
    (
        "sn_schema_violation.local_fail",
        "a SRC_SPARK_ source on a Spark page whose publisher is Databricks",
        "tests/test_rules_in_sphinx.py::test_need_model[a SRC_SPARK_ source on a Spark page whose publisher is Databricks]",
    ),
    # Issue 18 item 4 (tests/test_issue18_register_pins_evidence.py): the same page registered twice through a
    # trailing slash, a ?query or letter case, on either entry or a new one; a SRC_SPARK_ source published by Databricks.
    (
        "runbook.register",
        "the same page registered twice through a trailing slash on the later entry",
        "tests/test_issue18_register_pins_evidence.py::test_rule_on_a_small_root[register: the same page registered twice through a trailing slash on the later entry]",
    ),
    (
        "runbook.register",
        "the same page registered twice through a trailing slash on the entry registered first",
        "tests/test_issue18_register_pins_evidence.py::test_rule_on_a_small_root[register: the same page registered twice through a trailing slash on the entry registered first]",
    ),
    (
        "runbook.register",
        "the same page registered twice through a trailing slash on a new entry",
        "tests/test_issue18_register_pins_evidence.py::test_rule_on_a_small_root[register: the same page registered twice through a trailing slash on a new entry]",
    ),
    (
        "runbook.register",
        "the same page registered twice through a ?query on the later entry",
        "tests/test_issue18_register_pins_evidence.py::test_rule_on_a_small_root[register: the same page registered twice through a ?query on the later entry]",
    ),
    (
        "runbook.register",
        "the same page registered twice through a ?query on the entry registered first",
        "tests/test_issue18_register_pins_evidence.py::test_rule_on_a_small_root[register: the same page registered twice through a ?query on the entry registered first]",
    ),
    (
        "runbook.register",
        "the same page registered twice through an empty ?query on a new entry",
        "tests/test_issue18_register_pins_evidence.py::test_rule_on_a_small_root[register: the same page registered twice through an empty ?query on a new entry]",
    ),
    (
        "runbook.register",
        "the same page registered twice through the page name in capitals on the later entry",
        "tests/test_issue18_register_pins_evidence.py::test_rule_on_a_small_root[register: the same page registered twice through the page name in capitals on the later entry]",
    ),
    (
        "runbook.register",
        "the same page registered twice through the cloud and language in capitals on the entry registered first",
        "tests/test_issue18_register_pins_evidence.py::test_rule_on_a_small_root[register: the same page registered twice through the cloud and language in capitals on the entry registered first]",
    ),
    (
        "runbook.register",
        "the same page registered twice through mixed case on a new entry",
        "tests/test_issue18_register_pins_evidence.py::test_rule_on_a_small_root[register: the same page registered twice through mixed case on a new entry]",
    ),
    (
        "sn_schema_violation.local_fail",
        "a cited source renamed SRC_SPARK_ and moved to a Spark page, its publisher left Databricks",
        "tests/test_issue18_register_pins_evidence.py::test_rule_on_a_small_root[need-model: a cited source renamed SRC_SPARK_ and moved to a Spark page, its publisher left Databricks]",
    ),
    (
        "sn_schema_violation.local_fail",
        "a new SRC_SPARK_ source published by Databricks, its fields hidden for GitHub",
        "tests/test_issue18_register_pins_evidence.py::test_rule_on_a_small_root[need-model: a new SRC_SPARK_ source published by Databricks, its fields hidden for GitHub]",
    ),
    # Issue 18 item 7: the seed pinned in a test that reads the committed files, not the policy or schema,
    # so an edit to the policy and the runbook together still fails (not a build warning: a pytest failure).
    (
        "seed (tests/test_seed_requirements.py)",
        "seed: a seed section renamed",
        "tests/test_seed_requirements.py::test_the_pin_fails_naming_the_culprit[a seed section renamed]",
    ),
    (
        "seed (tests/test_seed_requirements.py)",
        "seed: two seed sections swapped",
        "tests/test_seed_requirements.py::test_the_pin_fails_naming_the_culprit[two seed sections swapped]",
    ),
    (
        "seed (tests/test_seed_requirements.py)",
        "seed: a section added between seed sections",
        "tests/test_seed_requirements.py::test_the_pin_fails_naming_the_culprit[a section added between seed sections]",
    ),
    (
        "seed (tests/test_seed_requirements.py)",
        "seed: the Photon sentences reordered",
        "tests/test_seed_requirements.py::test_the_pin_fails_naming_the_culprit[the Photon sentences reordered]",
    ),
    (
        "seed (tests/test_seed_requirements.py)",
        "seed: the Photon sentences preceded by another sentence",
        "tests/test_seed_requirements.py::test_the_pin_fails_naming_the_culprit[the Photon sentences preceded by another sentence]",
    ),
    (
        "seed (tests/test_seed_requirements.py)",
        "seed: the Photon sentences without their code formatting",
        "tests/test_seed_requirements.py::test_the_pin_fails_naming_the_culprit[the Photon sentences without their code formatting]",
    ),
    (
        "seed (tests/test_seed_requirements.py)",
        "seed: a Photon sentence changed",
        "tests/test_seed_requirements.py::test_the_pin_fails_naming_the_culprit[a Photon sentence changed]",
    ),
    (
        "seed (tests/test_seed_requirements.py)",
        "the first Photon sentence reworded",
        "tests/test_seed_requirements.py::test_the_pin_fails_naming_the_culprit[the first Photon sentence reworded]",
    ),
    (
        "seed (tests/test_seed_requirements.py)",
        "a required citation removed from a second recommendation, among others it keeps",
        "tests/test_seed_requirements.py::test_the_pin_fails_naming_the_culprit[a required citation removed from a second recommendation, among others it keeps]",
    ),
    (
        "seed (tests/test_seed_requirements.py)",
        "seed: a required citation removed from its recommendation",
        "tests/test_seed_requirements.py::test_the_pin_fails_naming_the_culprit[a required citation removed from its recommendation]",
    ),
    (
        "seed (tests/test_seed_requirements.py)",
        "seed: a required source's URL changed in the register",
        "tests/test_seed_requirements.py::test_the_pin_fails_naming_the_culprit[a required source's URL changed in the register]",
    ),
    (
        "seed (tests/test_seed_requirements.py)",
        "seed: a recommendation with a required citation renamed",
        "tests/test_seed_requirements.py::test_the_pin_fails_naming_the_culprit[a recommendation with a required citation renamed]",
    ),
    (
        "seed (tests/test_seed_requirements.py)",
        "seed: the README bullet relabelled",
        "tests/test_seed_requirements.py::test_the_pin_fails_naming_the_culprit[the README bullet relabelled]",
    ),
    (
        "seed (tests/test_seed_requirements.py)",
        "seed: the README bullet pointed elsewhere",
        "tests/test_seed_requirements.py::test_the_pin_fails_naming_the_culprit[the README bullet pointed elsewhere]",
    ),
    (
        "seed (tests/test_seed_requirements.py)",
        "seed: the README bullet relabelled while another bullet links the runbook",
        "tests/test_seed_requirements.py::test_the_pin_fails_naming_the_culprit[the README bullet relabelled while another bullet links the runbook]",
    ),
    (
        "seed (tests/test_seed_requirements.py)",
        "seed: a required citation, section or Photon sentence dropped from the policy or schema alone",
        "tests/test_seed_requirements.py::test_the_policy_and_schema_still_require_the_seed",
    ),
    # Issue 18 item 7: more ways to reorder the Photon sentences or put something before them.
    (
        "seed (tests/test_seed_requirements.py)",
        "seed: the Photon sentences swapped on one line",
        "tests/test_seed_requirements.py::test_the_pin_fails_naming_the_culprit[the Photon sentences swapped on one line]",
    ),
    (
        "seed (tests/test_seed_requirements.py)",
        "seed: the recommendation link moved between the two Photon sentences",
        "tests/test_seed_requirements.py::test_the_pin_fails_naming_the_culprit[the recommendation link moved between the two Photon sentences]",
    ),
    (
        "seed (tests/test_seed_requirements.py)",
        "seed: the Photon sentences preceded by a paragraph of their own",
        "tests/test_seed_requirements.py::test_the_pin_fails_naming_the_culprit[the Photon sentences preceded by a paragraph of their own]",
    ),
    (
        "seed (tests/test_seed_requirements.py)",
        "seed: the Photon sentences preceded by a bold label line",
        "tests/test_seed_requirements.py::test_the_pin_fails_naming_the_culprit[the Photon sentences preceded by a bold label line]",
    ),
    (
        "seed (tests/test_seed_requirements.py)",
        "seed: the Photon sentences preceded by a subheading",
        "tests/test_seed_requirements.py::test_the_pin_fails_naming_the_culprit[the Photon sentences preceded by a subheading]",
    ),
    # Issue 18 item 3: the spec facts the runbook states (permission, group, notifications, health rules,
    # continuous mode, checkpoint folder, storage and root) bound to the spec.
    (
        "runbook.spec",
        "the operators' permission level changed in the spec alone",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[spec: the operators' permission level changed in the spec alone]",
    ),
    (
        "runbook.spec",
        "the operators group changed in the spec alone",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[spec: the operators group changed in the spec alone]",
    ),
    (
        "runbook.spec",
        "the operators group permission removed from prod",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[spec: the operators group permission removed from prod]",
    ),
    (
        "runbook.spec",
        "a health rule added in the spec alone",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[spec: a health rule added in the spec alone]",
    ),
    (
        "runbook.spec",
        "the failure notification removed from the spec alone",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[spec: the failure notification removed from the spec alone]",
    ),
    (
        "runbook.spec",
        "a second notification destination in the spec alone",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[spec: a second notification destination in the spec alone]",
    ),
    (
        "runbook.spec",
        "continuous mode replaced by a schedule in the spec alone",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[spec: continuous mode replaced by a schedule in the spec alone]",
    ),
    (
        "runbook.spec",
        "prod's continuous trigger paused in the spec alone",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[spec: prod's continuous trigger paused in the spec alone]",
    ),
    (
        "runbook.spec",
        "prod's checkpoint root moved in the spec alone",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[spec: prod's checkpoint root moved in the spec alone]",
    ),
    (
        "runbook.spec",
        "the checkpoint folder renamed in the spec alone",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[spec: the checkpoint folder renamed in the spec alone]",
    ),
    (
        "runbook.spec",
        "the checkpoint moved out of a volume in the spec alone",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[spec: the checkpoint moved out of a volume in the spec alone]",
    ),
    (
        "runbook.spec",
        "a permission level typed in the prose",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[spec: a permission level typed in the prose]",
    ),
    (
        "runbook.spec",
        "a count of health rules typed in the prose",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[spec: a count of health rules typed in the prose]",
    ),
    (
        "runbook.spec",
        "a checkpoint root typed in the prose",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[spec: a checkpoint root typed in the prose]",
    ),
    (
        "runbook.register",
        "full project: a prose link to a page outside the register",
        "tests/test_build_failures.py::test_build_fails_naming_the_culprit[a prose link to a page outside the register]",
    ),
    (
        "runbook.register",
        "full project: the same page registered twice through a #fragment",
        "tests/test_build_failures.py::test_build_fails_naming_the_culprit[the same page registered twice through a #fragment]",
    ),
    (
        "runbook.register",
        "full project: applies_to that disagrees with runtime_min",
        "tests/test_build_failures.py::test_build_fails_naming_the_culprit[applies_to that disagrees with runtime_min]",
    ),
    (
        "runbook.spec",
        "full project: the operators' permission level changed in the spec alone",
        "tests/test_build_failures.py::test_build_fails_naming_the_culprit[the operators' permission level changed in the spec alone]",
    ),
    # Evidence integrity (issue 18 item 6): result files are what their benchmark wrote, their parameters
    # and provenance are their runs', quotes name their configuration, thresholds are declared once.
    (
        "runbook.evidence",
        "raw samples scaled and the summary recomputed (a hand-made result file)",
        "tests/unit/test_result_integrity.py::test_raw_samples_scaled_and_the_summary_recomputed_fail_at_the_digest",
    ),
    (
        "runbook.evidence",
        "a result file without a digest",
        "tests/unit/test_result_integrity.py::test_a_result_file_without_a_digest_fails_at_its_benchmark_line",
    ),
    (
        "runbook.evidence",
        "result file: a repetition deleted, its count left at 3",
        "tests/unit/test_result_integrity.py::test_parameters_and_provenance_are_the_runs[a repetition deleted, its count left at 3]",
    ),
    (
        "runbook.evidence",
        "result file: a repetition set copied to show 3 sets from 2",
        "tests/unit/test_result_integrity.py::test_parameters_and_provenance_are_the_runs[a repetition set copied to show 3 sets from 2]",
    ),
    (
        "runbook.evidence",
        "result file: the progress-cost repetition count edited",
        "tests/unit/test_result_integrity.py::test_parameters_and_provenance_are_the_runs[the progress-cost repetition count edited]",
    ),
    (
        "runbook.evidence",
        "result file: a levers repetition deleted",
        "tests/unit/test_result_integrity.py::test_parameters_and_provenance_are_the_runs[a levers repetition deleted]",
    ),
    (
        "runbook.evidence",
        "result file: the rate parameter edited to one the runs did not have",
        "tests/unit/test_result_integrity.py::test_parameters_and_provenance_are_the_runs[the rate parameter edited to one the runs did not have]",
    ),
    (
        "runbook.evidence",
        "result file: the window parameter edited",
        "tests/unit/test_result_integrity.py::test_parameters_and_provenance_are_the_runs[the window parameter edited]",
    ),
    (
        "runbook.evidence",
        "result file: a capacity rate edited",
        "tests/unit/test_result_integrity.py::test_parameters_and_provenance_are_the_runs[a capacity rate edited]",
    ),
    (
        "runbook.evidence",
        "result file: the soak rate edited",
        "tests/unit/test_result_integrity.py::test_parameters_and_provenance_are_the_runs[the soak rate edited]",
    ),
    (
        "runbook.evidence",
        "result file: the soak length edited",
        "tests/unit/test_result_integrity.py::test_parameters_and_provenance_are_the_runs[the soak length edited]",
    ),
    (
        "runbook.evidence",
        "result file: the provenance core count edited",
        "tests/unit/test_result_integrity.py::test_parameters_and_provenance_are_the_runs[the provenance core count edited]",
    ),
    (
        "runbook.evidence",
        "result file: the machine's core count edited (shown in the table caption; only the seal holds it)",
        "tests/unit/test_result_integrity.py::test_the_machines_core_count_edited_fails_at_the_digest",
    ),
    (
        "runbook.evidence",
        "result file: the runbook configuration's partitions edited against the scaling note",
        "tests/unit/test_result_integrity.py::test_parameters_and_provenance_are_the_runs[the runbook configuration's partitions edited against the scaling note]",
    ),
    (
        "runbook.evidence",
        "an edited result file sealed again whose runs still disagree with its parameters",
        "tests/unit/test_result_integrity.py::test_a_resealed_edit_still_fails_the_cross_checks",
    ),
    # Issue 18 item 6 (tests/test_issue18_register_pins_evidence.py): raw samples scaled and the summary
    # recomputed, on other samples and other result files.
    (
        "runbook.evidence",
        "raw samples scaled and the summary recomputed: one run's e2e samples scaled",
        "tests/test_issue18_register_pins_evidence.py::test_raw_samples_scaled_and_the_summary_recomputed_fail_at_the_digest[one run's e2e samples scaled]",
    ),
    (
        "runbook.evidence",
        "raw samples scaled and the summary recomputed: one batch's parts scaled",
        "tests/test_issue18_register_pins_evidence.py::test_raw_samples_scaled_and_the_summary_recomputed_fail_at_the_digest[one batch's parts scaled]",
    ),
    (
        "runbook.evidence",
        "raw samples scaled and the summary recomputed: every soak batch's addBatch part scaled",
        "tests/test_issue18_register_pins_evidence.py::test_raw_samples_scaled_and_the_summary_recomputed_fail_at_the_digest[every soak batch's addBatch part scaled]",
    ),
    (
        "runbook.evidence",
        "a quoted figure of another configuration than its sentence names",
        "tests/unit/test_quote_subjects.py::test_a_quote_of_another_configurations_figure_fails_at_its_line",
    ),
    (
        "runbook.evidence",
        "a quoted ratio whose sentence names one of its two configurations",
        "tests/unit/test_quote_subjects.py::test_a_ratio_is_about_both_configurations",
    ),
    (
        "runbook.evidence",
        "in-process: a quoted figure of another configuration than its sentence names",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[quotes: a quoted figure of another configuration than its sentence names]",
    ),
    (
        "runbook.evidence",
        "in-process: a quoted ratio whose table row names one of its two configurations",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[quotes: a quoted ratio whose table row names one of its two configurations]",
    ),
    (
        "runbook.evidence",
        "a comparison quoted on the page types its threshold",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[evidence: a comparison quoted on the page types its threshold]",
    ),
    (
        "runbook.evidence",
        "an evidence relation types its threshold",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[evidence: an evidence relation types its threshold]",
    ),
    (
        "runbook.evidence",
        "an evidence threshold written for GitHub that differs from the policy",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[evidence: an evidence threshold written for GitHub that differs from the policy]",
    ),
    (
        "runbook.evidence",
        "an evidence threshold the policy does not declare",
        "tests/test_rules_in_sphinx.py::test_rule_on_a_small_root[evidence: an evidence threshold the policy does not declare]",
    ),
]
