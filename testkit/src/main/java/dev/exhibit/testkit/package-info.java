/**
 * Test infrastructure shared across modules and benchmarks: generated test images and devices that misbehave on
 * purpose. Stages depend on it in test scope only; nothing here ships in the command line.
 */
package dev.exhibit.testkit;
