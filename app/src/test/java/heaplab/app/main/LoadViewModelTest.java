package heaplab.app.main;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadViewModelTest {
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final LoadViewModel vm = new LoadViewModel(executor, Runnable::run);

    private void drain() throws Exception {
        executor.submit(() -> { }).get(5, TimeUnit.SECONDS);
    }

    @Test
    void aLoadReportsItsResultOrItsFailure() throws Exception {
        vm.load("Loading a", () -> "a", r -> events.add("done " + r), e -> events.add("failed"));
        drain();
        vm.load("Loading b", () -> {
            throw new IllegalStateException("b.json:3:7: bad");
        }, r -> events.add("done " + r), e -> events.add("failed " + e.getMessage()));
        drain();
        assertEquals(List.of("done a", "failed b.json:3:7: bad"), events);
        assertFalse(vm.loadingProperty().get());
    }

    @Test
    void cancelInterruptsTheLoadAndDropsItsResult() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        vm.load("Loading big.rep", () -> {
            started.countDown();
            while (!Thread.currentThread().isInterrupted()) {
                Thread.onSpinWait();
            }
            throw new CancellationException("loading cancelled");
        }, r -> events.add("done"), e -> events.add("failed"));
        assertTrue(started.await(5, TimeUnit.SECONDS));
        assertTrue(vm.loadingProperty().get());
        assertEquals("Loading big.rep", vm.messageProperty().get());
        vm.cancel();
        assertFalse(vm.loadingProperty().get());
        drain();
        assertTrue(events.isEmpty(), "neither done nor failed: " + events);
    }
}
