/**
 * Read-only analysis of evidence images through The Sleuth Kit's library (docs/analyze.md). The public entry points
 * are {@link dev.exhibit.analyze.Summaries} (the summary other stages record) and, for the CLI, {@link
 * dev.exhibit.analyze.sandbox.Sandbox}, which runs {@link dev.exhibit.analyze.FileListing}, {@link
 * dev.exhibit.analyze.FileContent}, {@link dev.exhibit.analyze.Export} and the summary in a worker process.
 * Sub-packages follow libtsk's layers: {@code tsk} (the raw binding), {@code img}, {@code vs}, {@code fs}, then
 * {@code output} (formats) and {@code sandbox}.
 */
package dev.exhibit.analyze;
