package heaplab.app.theme;

/** CSS style classes and pseudo-classes of styles/components/*.css; views use these names, never inline styles. */
public final class StyleClasses {
    public static final String PANE = "hl-pane";
    public static final String PANE_TITLE = "hl-pane-title";
    public static final String HINT = "hl-hint";
    public static final String MONOSPACE = "hl-monospace";

    public static final String NAV_TOOLBAR = "hl-nav-toolbar";
    public static final String STATUS = "hl-status";
    public static final String STATUS_ERROR = "hl-status-error";

    public static final String SCENARIO_TITLE = "hl-scenario-title";
    public static final String SCENARIO_SUMMARY = "hl-scenario-summary";
    public static final String STEPS_LIST = "hl-steps-list";
    public static final String STEP_NUMBER = "hl-step-number";
    public static final String STEP_MARKER = "hl-step-marker";
    public static final String STEP_BREAKPOINT = "hl-step-breakpoint";
    public static final String STEP_FAILED = "hl-step-failed";
    public static final String STEP_TEXT = "hl-step-text";
    public static final String STEP_SAY = "hl-step-say";
    public static final String STEP_OUTPUT = "hl-step-output";
    public static final String STEP_EXPANDER = "hl-step-expander";
    /** A step's gutter without a breakpoint, while the pointer is over the step: click to set one. */
    public static final String STEP_BREAKPOINT_HINT = "hl-step-breakpoint-hint";
    public static final String TIMELINE_SLIDER = "hl-timeline-slider";
    /** Pseudo-classes of a step cell. */
    public static final String PSEUDO_CURRENT = "hl-current";
    public static final String PSEUDO_PENDING = "hl-pending";

    public static final String CONSOLE_OUTPUT = "hl-console-output";
    public static final String CONSOLE_INPUT = "hl-console-input";
    public static final String CONSOLE_PROMPT = "hl-console-prompt";
    public static final String CONSOLE_ECHO = "hl-console-echo";
    public static final String CONSOLE_ERROR = "hl-console-error";
    public static final String CONSOLE_NOTE = "hl-console-note";
    public static final String CONSOLE_LINE = "hl-console-line";
    public static final String CONSOLE_TEXT = "hl-console-text";
    public static final String CONSOLE_LINK = "hl-console-link";
    public static final String CONSOLE_COMPLETION_ROW = "hl-console-completion-row";
    public static final String CONSOLE_COMPLETIONS = "hl-console-completions";
    public static final String CONSOLE_CANDIDATE = "hl-console-candidate";
    public static final String CONSOLE_CANDIDATE_CURRENT = "hl-console-candidate-current";
    public static final String CONSOLE_HINT = "hl-console-hint";

    public static final String INSPECTOR_TITLE = "hl-inspector-title";
    public static final String HEX_DUMP = "hl-hex-dump";
    public static final String HEX_HEADER = "hl-hex-header";
    public static final String HEX_UNREADABLE = "hl-hex-unreadable";
    public static final String HEX_NOTE = "hl-hex-note";
    public static final String INSPECTOR_JUMP = "hl-inspector-jump";
    public static final String INSPECTOR_JUMP_MESSAGE = "hl-inspector-jump-message";
    public static final String INSPECTOR_JUMP_ERROR = "hl-inspector-jump-error";
    public static final String INSPECTOR_LEGEND = "hl-inspector-legend";
    public static final String INSPECTOR_DAMAGE = "hl-inspector-damage";

    public static final String DIAGRAM_CANVAS = "hl-diagram-canvas";
    public static final String DIAGRAM_TOOLBAR = "hl-diagram-toolbar";

    private StyleClasses() {
    }
}
