/**
 * The audit report for people: a {@link org.prooftrail.cli.report.ReportModel} (status and compliance, the lineage
 * graph, one row per record with who, when, which transaction and the result of each check) and its renderings as
 * one self-contained HTML file (the lineage laid out by Eclipse ELK's layered algorithm, inline SVG and CSS, no
 * network), Markdown and JSON. The model is plain data so that it can be filled from the ledger's own answers ({@link
 * org.prooftrail.cli.report.LedgerReportReader}) or from an offline verifier's per-record checks.
 */
package org.prooftrail.cli.report;
