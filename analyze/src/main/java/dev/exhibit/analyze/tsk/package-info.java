/**
 * The raw libtsk 4.11 binding, internal to the analyze module: loading by SONAME with the version check
 * ({@link dev.exhibit.analyze.tsk.Libtsk}), struct layouts checked against gcc's measurements ({@link
 * dev.exhibit.analyze.tsk.Layouts}, {@link dev.exhibit.analyze.tsk.LayoutCheck}), downcalls ({@link
 * dev.exhibit.analyze.tsk.Calls}), reads by address ({@link dev.exhibit.analyze.tsk.Mem}), callbacks that never let an
 * exception reach libtsk ({@link dev.exhibit.analyze.tsk.Upcalls}) and libtsk's errors as exceptions naming image,
 * structure and byte offset ({@link dev.exhibit.analyze.tsk.TskException}). The other packages wrap it; nothing
 * outside the module should use it.
 */
package dev.exhibit.analyze.tsk;
