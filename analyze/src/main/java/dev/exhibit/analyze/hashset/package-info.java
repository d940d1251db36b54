/**
 * Hash sets: lists of known (ignorable) or notable file digests, imported from NSRL RDS v3, hashdeep and sum lists
 * into a store of sorted, memory-mapped key files, and looked up without loading them into the heap (docs/hashsets.md).
 *
 * <p>Public: {@link dev.exhibit.analyze.hashset.HashSetStore} (where sets live, import, list), {@link
 * dev.exhibit.analyze.hashset.HashSets} (lookup), {@link dev.exhibit.analyze.hashset.HashSetManifest} (what a set
 * holds and where it came from) and {@link dev.exhibit.analyze.hashset.SetKind}.
 */
package dev.exhibit.analyze.hashset;
