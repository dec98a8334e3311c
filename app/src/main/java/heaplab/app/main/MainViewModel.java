package heaplab.app.main;

import heaplab.app.console.ConsoleViewModel;
import heaplab.app.diff.DiffViewModel;
import heaplab.app.steps.StepsViewModel;
import heaplab.app.steps.TimelineViewModel;
import heaplab.engine.scenario.Step;
import heaplab.engine.session.StepOutcome;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The window's state around one session: position and status, the one block selection every view shares, the
 * navigation commands, File > Open and Export, and the feature view models, refreshed after every move.
 */
public final class MainViewModel {
    public static final String APP_NAME = "HeapLab";
    private static final Map<String, String> VIEW_NAMES = Map.of("heap-map", "heap map", "free-lists", "free lists",
        "inspector", "block inspector", "timeline", "timeline");

    private final SessionLoader loader;
    private final DialogService dialogs;
    private final PngExport pngExport;
    private LabSession session;
    private final TimelineSampler sampler;
    private final TimelineExport timelineExport;
    /** How the last Run or Run back stopped, for the status line while the position stays; "" after other moves. */
    private String runStop = "";
    private int runStopPosition = -1;
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(APP_NAME);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper statusError = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyIntegerWrapper position = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyIntegerWrapper stepCount = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyLongWrapper selectedAddress = new ReadOnlyLongWrapper(0);
    /** True while a long move runs on the worker: the session is the worker's, the window reads none of it. */
    private final ReadOnlyBooleanWrapper moving = new ReadOnlyBooleanWrapper(false);
    /** Where the user asked to go while a move ran (a drag along the timeline): the latest wins; -1 for none. */
    private int pendingJump = -1;
    /** Where long moves run; null (tests, tools) moves on the calling thread. */
    private BackgroundMoves backgroundMoves;
    /** Where the long jump under way started and goes, for the timeline's marker to follow it; -1 when none runs. */
    private int jumpFrom = -1;
    private int jumpTarget = -1;
    private final HeapViews heapViews = new HeapViews(this::select, moving::get);
    private final StepsViewModel steps = new StepsViewModel(this::jumpTo, this::toggleBreakpoint);
    private final TimelineViewModel timeline = new TimelineViewModel(this::jumpTo);
    private final ConsoleViewModel console = new ConsoleViewModel(this::runConsoleLine,
        new SessionConsoleContext(() -> session, moving::get, this::select));
    private final DiffViewModel diff = new DiffViewModel(this::select);
    private final Command stepCommand = new Command(() -> navigate(this::stepOnce));
    private final Command backCommand = new Command(() -> navigate(() -> session.stepBack()));
    private final Command runCommand = new Command(this::run);
    private final Command restartCommand = new Command(() -> navigate(() -> session.restart()));
    private final Command openCommand = new Command(this::open);
    private Consumer<Path> onFileOpened = file -> { };
    private final Command runBackCommand = new Command(this::runBack);
    private final Command goToStepCommand = new Command(this::askAndGoToStep);
    private final Command toggleBreakpointCommand = new Command(
        () -> toggleBreakpoint(steps.breakpointTargetIndex()));

    /** A view model whose timeline is sampled on the caller's thread (tests, tools). */
    public MainViewModel(LabSession session, SessionLoader loader, DialogService dialogs, PngExport pngExport) {
        this(session, loader, dialogs, pngExport, Runnable::run, Runnable::run);
    }

    /**
     * @param background where the timeline's replay runs (a worker thread in the window)
     * @param ui         where its results come back (the FX thread in the window)
     */
    public MainViewModel(LabSession session, SessionLoader loader, DialogService dialogs, PngExport pngExport,
                         Executor background, Executor ui) {
        this.loader = loader;
        this.dialogs = dialogs;
        this.pngExport = pngExport;
        this.sampler = new TimelineSampler(timeline, background, ui);
        this.timelineExport = new TimelineExport(timeline, pngExport, console, dialogs);
        steps.setSessionReadable(() -> !moving.get());
        // A comparison chosen in the Diff view marks the heap map and the free lists at once, not at the next step.
        diff.marksProperty().addListener((o, was, now) -> {
            if (!refreshing && !moving.get()) {
                heapViews.update(this.session, selectedAddress.get(), now);
            }
        });
        setSession(session);
    }

    /** True while {@link #refresh} runs: it updates the heap views itself, with the Diff view's new marks. */
    private boolean refreshing;

    // ------------------------------------------------------------------ properties and children

    public ReadOnlyStringProperty titleProperty() { return title.getReadOnlyProperty(); }

    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }

    /** True when the status reports a fault, a failed expect or an error: the view shows it in red. */
    public ReadOnlyBooleanProperty statusErrorProperty() { return statusError.getReadOnlyProperty(); }

    public ReadOnlyIntegerProperty positionProperty() { return position.getReadOnlyProperty(); }

    public ReadOnlyIntegerProperty stepCountProperty() { return stepCount.getReadOnlyProperty(); }

    /** An address inside the selected block, 0 for none: the one selection all views share. */
    public ReadOnlyLongProperty selectedAddressProperty() { return selectedAddress.getReadOnlyProperty(); }

    public HeapViews heapViews() { return heapViews; }

    public StepsViewModel steps() { return steps; }

    public TimelineViewModel timeline() { return timeline; }

    public ConsoleViewModel console() { return console; }

    public DiffViewModel diff() { return diff; }

    public Command stepCommand() { return stepCommand; }

    public Command backCommand() { return backCommand; }

    public Command runCommand() { return runCommand; }

    public Command restartCommand() { return restartCommand; }

    public Command openCommand() { return openCommand; }

    /** Back to the previous breakpoint, failed expect or fault, else the start (Shift+F5). */
    public Command runBackCommand() { return runBackCommand; }

    /** Asks for a step number and goes there (Ctrl+G). */
    public Command goToStepCommand() { return goToStepCommand; }

    /** Sets or clears the breakpoint on the selected step, else the current one (F9). */
    public Command toggleBreakpointCommand() { return toggleBreakpointCommand; }

    public LabSession session() { return session; }

    /** True while a long move (a far jump, a long run) runs on the worker; the commands wait for it. */
    public ReadOnlyBooleanProperty movingProperty() { return moving.getReadOnlyProperty(); }

    /** Long moves run there from now on, with a progress line and Cancel (the window). */
    public void setBackgroundMoves(BackgroundMoves moves) {
        this.backgroundMoves = moves;
        moves.progressProperty().addListener((obs, old, share) -> followJump(share.doubleValue()));
    }

    /**
     * The timeline's marker follows a long jump as its parts are done (the progress of a jump is the share of its
     * steps taken), so that it does not wait at the start until the whole jump is over; the views follow at the end.
     */
    private void followJump(double share) {
        if (moving.get() && jumpTarget >= 0 && share >= 0) {
            timeline.setPosition(jumpFrom + (int) Math.round(share * (jumpTarget - jumpFrom)));
        }
    }

    /**
     * Escape: cancels the long move, else the load, under way; false when none runs. A move the window gave up (another
     * file was opened) may still be busy until its worker sees that: it is not the work Escape means.
     */
    public boolean cancelBackgroundWork() {
        if (moving.get() && backgroundMoves != null && backgroundMoves.busyProperty().get()) {
            backgroundMoves.cancel();
            return true;
        }
        if (backgroundLoads != null && backgroundLoads.busyProperty().get()) {
            backgroundLoads.cancel();
            return true;
        }
        return false;
    }

    /** The background moves, or null. */
    public BackgroundMoves backgroundMoves() {
        return backgroundMoves;
    }

    // ------------------------------------------------------------------ actions

    /** Selects the block containing an address (0: none) in every view. */
    public void select(long address) {
        selectedAddress.set(address);
        if (!moving.get()) {
            heapViews.select(address); // else the views show it when the move is done
        }
    }

    /**
     * Goes to a position (a click in the steps list or the timeline, Go to step). Far ahead, the move runs on the
     * worker; a jump asked for meanwhile (a drag) follows when it is done.
     */
    public void jumpTo(int target) {
        if (moving.get()) {
            pendingJump = target;
            return;
        }
        int clamped = Math.max(0, Math.min(target, session.steps().size()));
        int from = session.position();
        if (backgroundMoves != null && backgroundMoves.isLong(clamped - from)) {
            LabSession moved = session;
            jumpFrom = from;
            jumpTarget = clamped;
            moveInBackground("Going to step " + clamped + " …", progress -> {
                jumpInParts(moved, from, clamped, progress);
                return null;
            }, done -> { });
        } else {
            navigate(() -> session.jumpTo(clamped));
        }
    }

    /** Steps this many at a time in a long jump, to report progress and to see a Cancel between two parts. */
    private static final int JUMP_PART = 500;

    /** On the worker: a jump forward in parts, with progress; stops between two parts when cancelled. */
    private static void jumpInParts(LabSession moved, int from, int target,
                                    java.util.function.DoubleConsumer progress) {
        while (moved.position() < target && !moved.isStopped()) {
            if (Thread.currentThread().isInterrupted()) {
                throw new java.util.concurrent.CancellationException("jump cancelled");
            }
            moved.jumpTo(Math.min(target, moved.position() + JUMP_PART));
            progress.accept((double) (moved.position() - from) / (target - from));
        }
    }

    private void run() {
        if (backgroundMoves != null && backgroundMoves.isLong(session.steps().size() - session.position())) {
            LabSession moved = session;
            moveInBackground("Running from step " + session.position() + " …", progress -> moved.run(),
                this::reportRun);
        } else {
            navigate(() -> reportRun(session.run()));
        }
    }

    private void runBack() {
        if (backgroundMoves != null && backgroundMoves.isLong(session.position())) {
            LabSession moved = session;
            moveInBackground("Running back from step " + session.position() + " …", progress -> moved.runBack(),
                this::reportRunBack);
        } else {
            navigate(() -> reportRunBack(session.runBack()));
        }
    }

    /**
     * Runs a move on the worker. Until it is back the window reads nothing of the session and its commands wait;
     * then, on the UI thread, the move is reported and every view reads the position it reached.
     */
    private <T> void moveInBackground(String what, BackgroundMoves.Work<T> work, Consumer<T> report) {
        runStop = "";
        pendingJump = -1;
        LabSession moved = session;
        moving.set(true);
        updateCommands();
        int from = session.position();
        backgroundMoves.start(what, work, result -> {
            jumpTarget = -1;
            if (session != moved) {
                return; // another file was opened meanwhile: the window shows that one
            }
            moving.set(false);
            int pending = pendingJump;
            pendingJump = -1;
            if (result.cancelled()) {
                console.note("Cancelled: " + (session.position() == from ? "still at step " : "stopped at step ")
                    + session.position());
                pending = -1; // the user wants it to stop, not to go on somewhere else
            } else if (result.error() != null) {
                dialogs.showError("The session could not move", String.valueOf(result.error().getMessage()));
            } else {
                try {
                    report.accept(result.value());
                } catch (RuntimeException e) {
                    dialogs.showError("The session could not move", String.valueOf(e.getMessage()));
                }
            }
            runStopPosition = session.position();
            refresh();
            if (pending >= 0 && pending != session.position()) {
                jumpTo(pending);
            }
        });
    }

    /** Sets or clears the breakpoint on a step (its gutter dot, F9): a run then stops before that step. */
    public void toggleBreakpoint(int index) {
        if (moving.get()) {
            console.note("The session is moving: set the breakpoint when it is done (or Cancel).");
            return;
        }
        if (index < 0 || index >= session.steps().size()) {
            return;
        }
        try {
            boolean on = !session.isBreakpoint(index);
            session.setBreakpoint(index, on);
            console.note((on ? "Breakpoint set before step " : "Breakpoint cleared before step ") + (index + 1)
                + ": " + session.steps().get(index).display());
        } catch (RuntimeException e) {
            dialogs.showError("The breakpoint could not be changed", String.valueOf(e.getMessage()));
        }
        steps.breakpointChanged(index);
        sampler.breakpointsChanged(session, index);
        refresh();
    }

    /** File > Export PNG of a view; the file comes from the dialog service. */
    public void exportPng(String view) {
        String name = VIEW_NAMES.getOrDefault(view, view);
        if (moving.get()) {
            console.note("The session is moving: export the " + name + " when it is done (or Cancel).");
            return;
        }
        dialogs.chooseExportFile(view + "-step" + session.position() + ".png").ifPresent(file -> {
            if (view.equals("timeline")) {
                timelineExport.export(session, () -> session, file);
                return;
            }
            try {
                DiffViewModel.Base base = diff.baseProperty().get();
                pngExport.write(view, session, selectedAddress.get(),
                    base == null || base.step() > session.position() ? Diagrams.NO_DIFF : base.step(), file);
                console.note("Saved the " + name + " as " + file);
            } catch (Exception e) {
                dialogs.showError("Could not export the " + name, file + ": " + e.getMessage());
            }
        });
    }

    /** Replaces the session (File > Open, the start-up file); the selection is cleared. */
    public void setSession(LabSession newSession) {
        if (moving.get()) {
            // The worker still has the old session until it sees the Cancel; the window takes the new one now.
            backgroundMoves.cancel();
            moving.set(false);
            pendingJump = -1;
        }
        this.session = newSession;
        runStop = "";
        selectedAddress.set(0);
        heapViews.inspector().forgetJump();
        title.set(APP_NAME + " \u2014 " + newSession.scenario().title());
        refresh();
    }

    /** Reads the session again and updates every view; runs after each navigation and console command. */
    public void refresh() {
        if (moving.get()) {
            return; // the worker has the session: the move's end refreshes
        }
        int pos = session.position();
        position.set(pos);
        stepCount.set(session.steps().size());
        refreshing = true;
        try {
            diff.update(session);
        } finally {
            refreshing = false;
        }
        String heapError = heapViews.update(session, selectedAddress.get(), diff.marksProperty().get());
        steps.update(session.scenario(), session.steps(), session.outcomes(), pos, session::isBreakpoint);
        sampler.follow(session);
        updateStatus(heapError);
        updateCommands();
    }

    /** Which commands can run: none of the session's while a move runs on the worker. */
    private void updateCommands() {
        boolean free = !moving.get();
        int pos = session.position();
        stepCommand.setExecutable(free && !session.isStopped());
        runCommand.setExecutable(free && !session.isStopped());
        backCommand.setExecutable(free && pos > 0);
        restartCommand.setExecutable(free && pos > 0);
        runBackCommand.setExecutable(free && pos > 0);
        goToStepCommand.setExecutable(free && !session.steps().isEmpty());
        toggleBreakpointCommand.setExecutable(free && !session.steps().isEmpty());
    }

    private void updateStatus(String heapError) {
        int pos = session.position();
        int total = session.steps().size();
        String text = pos == 0 ? "Start: no step has run yet (" + total + " steps). Press F10 to step."
            : "Step " + pos + " of " + total;
        boolean error = false;
        StepOutcome last = session.lastOutcome();
        if (last != null && last.status() != StepOutcome.Status.OK) {
            error = true;
            String line = firstLine(last.output());
            // The engine's line already says "expect failed at step N: ...": not said twice.
            String what = last.status() == StepOutcome.Status.FAULT ? "fault: "
                : line.startsWith("expect failed") ? "" : "expect failed: ";
            text += " \u2014 " + what + line;
        } else if (pos == total && total > 0) {
            text += " \u2014 end of the scenario";
        } else if (!runStop.isEmpty() && pos == runStopPosition) {
            text += " \u2014 " + runStop;
        }
        if (heapError != null) {
            error = true;
            text += " \u2014 " + heapError;
        }
        status.set(text);
        statusError.set(error);
    }

    private void navigate(Runnable move) {
        runStop = "";
        try {
            move.run();
            runStopPosition = session.position();
        } catch (RuntimeException e) {
            dialogs.showError("The session could not move", String.valueOf(e.getMessage()));
        }
        refresh();
    }

    private void stepOnce() {
        StepOutcome outcome = session.step();
        if (outcome != null) {
            Step step = session.steps().get(outcome.index());
            console.note("step " + (outcome.index() + 1) + ": " + step.display());
            boolean passed = step.kind() == Step.Kind.EXPECT && outcome.status() == StepOutcome.Status.OK;
            // An expect that holds says so, after what its calls printed (HeapValidate's HEAP message).
            String output = outcome.output() == null ? "" : outcome.output().strip();
            console.appendOutput(!passed ? outcome.output() : output.isEmpty() ? "expect passed"
                : output + "\nexpect passed");
        }
    }

    /** Says how a run ended (the console, the status line); on the UI thread. */
    private void reportRun(StepOutcome outcome) {
        if (outcome != null) {
            console.note("ran to step " + (outcome.index() + 1) + ": "
                + session.steps().get(outcome.index()).display());
            console.appendOutput(outcome.output());
            String heapBreak = session.heapBreakpointStop();
            String watch = session.dataBreakpointStop();
            if (!watch.isEmpty()) {
                console.note(watch + " hit by step " + session.position());
                runStop = "stopped at " + watch + ": step " + session.position() + " changed its bytes";
            } else if (!heapBreak.isEmpty()) {
                console.note(heapBreak + " before step " + (session.position() + 1));
                runStop = "stopped at a " + heapBreak + " before step " + (session.position() + 1);
            } else if (!session.isStopped() && session.isBreakpoint(session.position())) {
                runStop = "stopped at the breakpoint before step " + (session.position() + 1);
            }
        }
    }

    /** Says how a run back ended; on the UI thread. */
    private void reportRunBack(String stop) {
        int pos = session.position();
        runStop = stop.startsWith("data breakpoint ") ? "ran back to " + stop + ", hit by step " + pos : switch (stop) {
            case "" -> "";
            case "start" -> "ran back to the start: no breakpoint or fault before";
            case "breakpoint" -> "ran back to the breakpoint before step " + (pos + 1);
            case "expect failed" -> "ran back to the failed expect of step " + pos;
            case "fault" -> "ran back to the fault at step " + pos;
            default -> "ran back to the " + stop + " before step " + (pos + 1);
        };
        console.note(runStop.isEmpty() ? "run back: already at the start" : runStop);
    }

    private void askAndGoToStep() {
        dialogs.askStepNumber(session.position(), session.steps().size()).ifPresent(this::jumpTo);
    }

    private String runConsoleLine(String line) {
        if (moving.get()) {
            return "The session is moving to another step: type the command when it is done (or Cancel).\n";
        }
        try {
            return session.console(line);
        } finally {
            refresh();
        }
    }

    private void open() {
        dialogs.chooseScenarioFile().ifPresent(file -> openFile(file));
    }

    /** Files of at least this many bytes load in the background, with a progress line and Cancel. */
    public static final long BACKGROUND_LOAD_BYTES = 512 * 1024;

    /** Where long loads run; null (tests, the CLI) loads every file on the calling thread. */
    private LoadViewModel backgroundLoads;

    /** Long loads (big traces) run there from now on, with a progress line and Cancel (the window). */
    public void setBackgroundLoads(LoadViewModel loads) {
        this.backgroundLoads = loads;
    }

    /** The background loads, or null. */
    public LoadViewModel backgroundLoads() {
        return backgroundLoads;
    }

    /**
     * Opens a file; on failure shows its `file:line:column` message and keeps the session that was open. A big
     * file loads in the background when background loads are set: then true only means that the load started; the
     * session changes when it is done, and a Cancel keeps the one that was open.
     */
    public boolean openFile(Path file) {
        if (backgroundLoads != null && sizeOf(file) >= BACKGROUND_LOAD_BYTES) {
            backgroundLoads.load("Loading " + file.getFileName() + " \u2026", () -> loader.open(file),
                opened -> adopt(file, opened),
                e -> dialogs.showError("Could not open " + file.getFileName(), String.valueOf(e.getMessage())));
            return true;
        }
        LabSession opened;
        try {
            opened = loader.open(file);
        } catch (Exception e) {
            dialogs.showError("Could not open " + file.getFileName(), String.valueOf(e.getMessage()));
            return false;
        }
        adopt(file, opened);
        return true;
    }

    private void adopt(Path file, LabSession opened) {
        setSession(opened);
        console.note("Opened " + file + ": " + opened.scenario().title());
        onFileOpened.accept(file);
    }

    private static long sizeOf(Path file) {
        try {
            return java.nio.file.Files.size(file);
        } catch (java.io.IOException | RuntimeException e) {
            return 0; // the load itself will say what is wrong with the file
        }
    }

    /** Opens a built-in sample (the sample browser); on failure says why and keeps the session that was open. */
    public boolean openSample(String name) {
        LabSession opened;
        try {
            opened = loader.openSample(name);
        } catch (Exception e) {
            dialogs.showError("Could not open the sample " + name, String.valueOf(e.getMessage()));
            return false;
        }
        setSession(opened);
        console.note("Opened the sample " + name + ": " + opened.scenario().title());
        return true;
    }

    /** Called with each file that opened (Open Recent keeps them). */
    public void setOnFileOpened(Consumer<Path> listener) {
        this.onFileOpened = listener;
    }

    private static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return "(no message)";
        }
        return text.strip().lines().findFirst().orElse("");
    }
}
