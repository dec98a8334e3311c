/**
 * What the block inspector shows of a block, decided by the engine: {@link heaplab.engine.inspect.BlockInspector}
 * finds the block that holds an address (an NT heap block, an LFH chunk, a light or full page heap block, with a
 * debug CRT block inside) and describes each layer's header fields and the bytes each layer expects;
 * {@link heaplab.engine.inspect.ByteClassifier} then says what every byte is and which ones break an expected fill,
 * as a pure function of the memory it reads.
 */
package heaplab.engine.inspect;
