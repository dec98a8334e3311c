package heaplab.engine.scenario;

import heaplab.engine.Arch;
import heaplab.engine.script.ScriptSyntaxException;

import java.util.List;

import static heaplab.engine.scenario.QuickJson.GIVE_UP;

/**
 * Reads a well-formed scenario file without Jackson, for speed on long files: on a cold JVM, Jackson's streaming
 * parser (its classes, its warm-up, a location object per token) took about half a second of the 1.6 s that loading
 * a generated scenario of 200,000 steps took. It reads a strict subset of JSON (see {@link QuickJson}) and gives up,
 * returning null, on anything else and at the first sign of any error, without a message: the loader then reads the
 * file with {@link ScenarioReader}, which alone reports errors, so they stay exactly as they were. What it returns
 * equals what {@link ScenarioReader} returns for the same text, places included (QuickScenarioReaderTest compares
 * the two).
 */
final class QuickScenarioReader {
    private static final List<String> FIELDS =
        List.of("heaplab", "title", "summary", "arch", "gflags", "pageHeap", "lfh", "image", "steps");
    private static final int REQUIRED = 1 | 1 << 1 | 1 << 8;
    private static final List<String> STEP_FIELDS = List.of("do", "cmd", "expect", "say", "break");

    private final String source;
    private final QuickJson json;
    private final StepTextTable texts = new StepTextTable();
    private final ScannedSteps scanned = new ScannedSteps();

    private String title;
    private String summary = "";
    private Arch arch = Arch.X86;
    private String gflags = "";
    private long globalFlags;
    private String pageHeap = "full";
    private String lfh = "auto";
    private String image = "demo.exe";

    QuickScenarioReader(String source, String json) {
        this.source = source;
        this.json = new QuickJson(json);
    }

    /** The scenario, or null when the file needs {@link ScenarioReader} (an error, or JSON not handled here). */
    Scenario read() {
        try {
            readScenario();
            parseTexts();
        } catch (QuickJson.GiveUp e) {
            return null;
        }
        return new Scenario(source, title, summary, arch, gflags, globalFlags, pageHeap, lfh, image,
            List.of(scanned.build(texts)));
    }

    private void readScenario() {
        json.skipWhitespace();
        json.expect('{');
        int seen = 0;
        json.skipWhitespace();
        if (json.peek() != '}') {
            do {
                json.skipWhitespace();
                int field = json.name(FIELDS);
                seen = once(seen, field);
                valueNext();
                readField(field);
                json.skipWhitespace();
            } while (json.accept(','));
        }
        json.expect('}');
        json.skipWhitespace();
        if ((seen & REQUIRED) != REQUIRED || !json.atEnd()) {
            throw GIVE_UP;
        }
    }

    private void readField(int field) {
        switch (field) {
            case 0 -> json.one();
            case 1 -> title = nonBlank(json.string());
            case 2 -> summary = json.string();
            case 3 -> arch = switch (json.string()) {
                case "x86" -> Arch.X86;
                case "x64" -> Arch.X64;
                default -> throw GIVE_UP;
            };
            case 4 -> {
                gflags = json.string();
                try {
                    globalFlags = GlobalFlags.parse(gflags);
                } catch (GlobalFlags.ParseException e) {
                    throw GIVE_UP;
                }
            }
            case 5 -> pageHeap = oneOf(json.string(), "full", "light");
            case 6 -> lfh = oneOf(json.string(), "auto", "on", "off");
            case 7 -> image = nonBlank(json.string());
            default -> readSteps();
        }
    }

    private void readSteps() {
        json.expect('[');
        json.skipWhitespace();
        if (json.peek() != ']') {
            int count = 0;
            do {
                heaplab.engine.Cancellation.check(++count);
                json.skipWhitespace();
                readStep();
                json.skipWhitespace();
            } while (json.accept(','));
        }
        json.expect(']');
    }

    private void readStep() {
        json.expect('{');
        Step.Kind kind = null;
        int textEntry = -1;
        int textLine = 0;
        int textColumn = 0;
        String say = "";
        boolean breakpoint = false;
        int seen = 0;
        json.skipWhitespace();
        if (json.peek() != '}') {
            do {
                json.skipWhitespace();
                int field = json.name(STEP_FIELDS);
                seen = once(seen, field);
                valueNext();
                if (field <= 2) {
                    if (kind != null) {
                        throw GIVE_UP;
                    }
                    kind = field == 0 ? Step.Kind.DO : field == 1 ? Step.Kind.CMD : Step.Kind.EXPECT;
                    // The place just after the opening quote: Jackson's column of the quote, plus 1.
                    textLine = json.line();
                    textColumn = json.column() + 1;
                    textEntry = json.text(texts, kind);
                } else if (field == 3) {
                    say = json.string();
                } else {
                    breakpoint = json.bool();
                }
                json.skipWhitespace();
            } while (json.accept(','));
        }
        json.expect('}');
        if (kind == null || kind == Step.Kind.CMD && texts.text(textEntry).isBlank()) {
            throw GIVE_UP;
        }
        scanned.add(kind, textEntry, textLine, textColumn, say, breakpoint);
    }

    /**
     * Parses each distinct {@code do} and {@code expect} text once, in the order the texts first appear, which is
     * what checking every step comes to: a text that parsed parses the same at any later step, since variables only
     * accumulate. (Done after scanning rather than step by step, so the JIT compiles the scanner and the parser
     * apart: as one, the compiled scanner took longer to come than the whole scan.)
     */
    private void parseTexts() {
        StatementChecker checker = new StatementChecker();
        for (int entry = 0; entry < texts.size(); entry++) {
            if (texts.kind(entry) != Step.Kind.CMD) {
                try {
                    texts.setParsed(entry, checker.parseNew(texts.kind(entry), texts.text(entry)));
                } catch (ScriptSyntaxException e) {
                    throw GIVE_UP;
                }
            }
        }
    }

    /** Skips the ':' after a field name and the whitespace around it. */
    private void valueNext() {
        json.skipWhitespace();
        json.expect(':');
        json.skipWhitespace();
    }

    /** Marks a field seen; a field seen before gives up (the full reader reports the duplicate). */
    private static int once(int seen, int field) {
        if ((seen & 1 << field) != 0) {
            throw GIVE_UP;
        }
        return seen | 1 << field;
    }

    private static String nonBlank(String text) {
        if (text.isBlank()) {
            throw GIVE_UP;
        }
        return text;
    }

    private static String oneOf(String text, String... allowed) {
        for (String value : allowed) {
            if (value.equals(text)) {
                return text;
            }
        }
        throw GIVE_UP;
    }
}
