/**
 * The Low Fragmentation Heap front end (heap-facts.md section 2): {@link heaplab.engine.lfh.LowFragmentationHeap}
 * serves the requests up to 16 KB of NT heaps whose HeapCompatibilityInformation is 2 (HeapSetInformation, or the
 * scenario's {@code lfh: "on"}, or {@code "auto"} after 0x12 requests of a size class) from chunks
 * carved out of back-end busy blocks. HeapManager routes the Win32 calls; every structure is in simulated memory.
 */
package heaplab.engine.lfh;
