package heaplab.app;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The window's command line: a file, or a built-in sample as `run` takes it (`heaplab sample:lfh`). */
class HeapLabAppArgsTest {
    @Test
    void aSampleIsNamedAfterItsPrefixAndAnythingElseIsAFile() {
        assertEquals("lfh", HeapLabApp.sampleName(List.of("sample:lfh")));
        assertEquals("", HeapLabApp.sampleName(List.of("sample:")), "an empty name, for the loader to refuse");
        assertNull(HeapLabApp.sampleName(List.of("samples/lfh.json")));
        assertNull(HeapLabApp.sampleName(List.of()));
    }
}
