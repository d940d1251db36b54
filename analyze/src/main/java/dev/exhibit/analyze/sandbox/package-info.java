/**
 * Where libtsk runs: a worker JVM ({@link dev.exhibit.analyze.sandbox.WorkerMain}) supervised by the caller's
 * ({@link dev.exhibit.analyze.sandbox.Sandbox}), so that a crash inside libtsk on a malformed image is reported in
 * one line, with the output completed before it, instead of ending the caller (docs/analyze.md, "Crash containment").
 */
package dev.exhibit.analyze.sandbox;
