/**
 * The debugger console: {@link heaplab.engine.console.Console} parses a command line once into a command object
 * (HeapCommand and the other Heap*Command families, DisplayMemoryCommand, DisplayTypeCommand, GlobalFlagCommand,
 * EvaluateCommand, DvAllocCommand, DvFreeCommand, or a one-line message), runs it against a process and returns the
 * text. Formatters and commands decode memory through HeapManager.read, the heap's StructLayouts and AddressSpace
 * only; VM searches ({@code -l}, {@code -x -v}) read every committed, readable page (MemoryScan). Numbers go through
 * MasmExpression.
 *
 * <p>Output shapes follow heap-facts.md section 5 and the seed's examples. Where no source settles a text, HeapLab
 * chose, and says so at the class that prints it:
 * <ul>
 *   <li>{@code .dvfree} success: {@code Freed N bytes starting at A} / {@code Decommitted N bytes starting at A};
 *       failures of both commands: {@code .dvalloc failed, Win32 error 0n487}.</li>
 *   <li>{@code !heap -x} on an address in no heap block: {@code Address A not found in any heap block};
 *       a Heap argument that is no heap: {@code Heap A not found}.</li>
 *   <li>Virtual-alloc blocks under {@code -m}: {@code     Virtual Alloc List at <head>:} then entry lines.</li>
 *   <li>{@code !heap -s}: Virt (k) equals Reserv (k); a Heap argument prints its detail form in the specimen's
 *       labels, its spacing in three columns and its "0:" (the form's alignment is unconfirmed); the LFH key is a fixed
 *       value; aids other than tail/free checking, validate parameters and stack back traces are named by HeapLab.</li>
 *   <li>{@code !heap -l}: roots are all memory outside the heaps' regions; the heaps' own blocks are never leaks;
 *       the Segment column is 0 as in the seed; {@code N leaks detected.} for every N.</li>
 *   <li>LFH (heap-facts.md 2): {@code !heap -s} prints {@code LFH} in the Fast heap column; {@code -hl} adds each
 *       UserBlocks and its busy chunks after a heap's parts (HeapLfhFormatter); {@code -x} in a chunk prints the
 *       chunk ({@code busy lfh}); {@code -l}, {@code -flt}, {@code -srch}, {@code -stat} see busy chunks as blocks and
 *       the LFH's structure and UserBlocks as the heap's own.</li>
 *   <li>{@code !heap -v}: the index listing, then heap-facts 1.9's lines; free-fill damage as
 *       {@code Free Heap block E modified at A after it was freed}; structural errors as HeapManager words them.</li>
 *   <li>{@code !heap -triage}: the heap-failure banner with HeapLab's Details and Follow-up texts; a sound heap
 *       gives {@code No heap errors found in ...}.</li>
 *   <li>{@code !heap -i}: no decoded part and no CRC line (the classic heap does not encode headers).</li>
 *   <li>{@code !heap -stat}: the group names ALLOCATIONSIZE and BLOCKCOUNT; byte amounts in pointer width on x64;
 *       {@code -grp} without {@code -h} means {@code -h 0}.</li>
 *   <li>{@code !heap -srch}: one entry per matching block, patterns compared at multiples of their size; symbols
 *       as {@code demo!variable}, {@code demo!`string'[+0xN]}, {@code demo+0xN} (Symbols).</li>
 *   <li>{@code !heap -?} and {@code -p -?}: HeapLab's text from the seed's option table and diagrams.</li>
 *   <li>{@code gflags}/{@code !gflag} display only: the process cannot change its global flags yet.</li>
 *   <li>Unknown {@code !heap} flag: the extension's first line only, without its usage text.</li>
 *   <li>Parser errors put the caret under the first character of the command; a missing number gives the
 *       evaluator's {@code Numeric expression missing from '<EOL>'} (also for a bare {@code db} with nothing to
 *       continue, as HeapLab has no instruction pointer).</li>
 *   <li>Options and commands of later issues answer {@code <what> arrives with a later HeapLab version.}</li>
 * </ul>
 */
package heaplab.engine.console;
