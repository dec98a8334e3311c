/**
 * The debugger console: {@link heaplab.engine.console.Console} parses a command line once into a command object
 * (HeapCommand, DisplayMemoryCommand, EvaluateCommand, DvAllocCommand, DvFreeCommand, or a one-line message), runs it
 * against a process and returns the text. Formatters (HeapListingFormatter with HeapFreeListFormatter and
 * HeapSegmentFormatter, HeapSummaryFormatter, HeapEntryFormatter, MemoryDumpFormatter) decode memory through
 * HeapManager.read and AddressSpace only. Numbers go through MasmExpression.
 *
 * <p>Output shapes follow heap-facts.md section 5 and the seed's examples. Where no source settles a text, HeapLab
 * chose, and says so at the class that prints it:
 * <ul>
 *   <li>{@code .dvfree} success: {@code Freed N bytes starting at A} / {@code Decommitted N bytes starting at A};
 *       failures of both commands: {@code .dvalloc failed, Win32 error 0n487}.</li>
 *   <li>{@code !heap -x} on an address in no heap block: {@code Address A not found in any heap block};
 *       a Heap argument that is no heap: {@code Heap A not found}.</li>
 *   <li>Virtual-alloc blocks under {@code -m}: {@code     Virtual Alloc List at <head>:} then entry lines.</li>
 *   <li>{@code !heap -s}: Virt (k) equals Reserv (k); a Heap argument prints only its row; the LFH key is a fixed
 *       value; aids other than tail/free checking, validate parameters and stack back traces are named by HeapLab.</li>
 *   <li>Unknown {@code !heap} flag: the extension's first line only, without its usage text.</li>
 *   <li>Parser errors put the caret under the first character of the command; a missing number gives the
 *       evaluator's {@code Numeric expression missing from '<EOL>'} (also for a bare {@code db} with nothing to
 *       continue, as HeapLab has no instruction pointer).</li>
 *   <li>Options and commands of later issues answer {@code <what> arrives with a later HeapLab version.}</li>
 * </ul>
 */
package heaplab.engine.console;
