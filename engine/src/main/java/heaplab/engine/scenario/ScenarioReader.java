package heaplab.engine.scenario;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import heaplab.engine.Arch;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads one scenario file with Jackson's streaming parser, so that every error has its exact line and column, and
 * checks each {@code do} and {@code expect} statement as it goes (variables must be assigned by an earlier step).
 */
final class ScenarioReader {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final String FIELDS = "heaplab, title, summary, arch, gflags, pageHeap, lfh, image, steps";
    private static final String STEP_FIELDS = "do, cmd, expect, say, break";

    private final String source;
    private final String json;
    private final StatementChecker checker = new StatementChecker();
    private JsonParser parser;

    private String title;
    private String summary = "";
    private Arch arch = Arch.X86;
    private String gflags = "";
    private long globalFlags;
    private String pageHeap = "full";
    private String lfh = "auto";
    private String image = "demo.exe";
    private List<Step> steps;

    ScenarioReader(String source, String json) {
        this.source = source;
        this.json = json;
    }

    /** Jackson's wording of the usual slips, said the way a person writing a scenario by hand thinks of them. */
    private static final String[][] PLAIN = {
        {"Unexpected character \\('''.*?\\): was expecting double-quote to start field name",
            "a single quote where a field name starts: JSON wants double quotes"},
        {"Unexpected character \\('(.+?)' \\(code \\d+\\)\\): was expecting double-quote to start field name",
            "found '$1' where a field name in double quotes should start (is a '}' or a ',' missing before it?)"},
        {"Unexpected character \\('(.+?)' \\(code \\d+\\)\\): was expecting comma to separate Object entries",
            "found '$1' where a ',' should separate two fields"},
        {"Unexpected character \\('(.+?)' \\(code \\d+\\)\\): was expecting comma to separate Array entries",
            "found '$1' where a ',' should separate two items of a list (two steps?)"},
        {"Unexpected character \\('(.+?)' \\(code \\d+\\)\\): was expecting a colon to separate field name and "
            + "value", "found '$1' where a ':' should follow the field name"},
        {"Unexpected character \\('(.+?)' \\(code \\d+\\)\\): expected a (valid )?value.*",
            "found '$1' where a value should be (a string in double quotes, a number, true, false, { } or [ ])"},
        {"Unexpected end-of-input: expected close marker for (?:OBJECT|Object) \\(start marker at (line \\d+, "
            + "column \\d+)\\)", "the file ends before the '}' that closes the object opened at $1"},
        {"Unexpected end-of-input: expected close marker for (?:ARRAY|Array) \\(start marker at (line \\d+, "
            + "column \\d+)\\)", "the file ends before the ']' that closes the list opened at $1"},
        {"Unrecognized token '(.+?)': was expecting .*", "'$1' is no JSON value (a text goes in double quotes)"},
    };

    static String plain(String jackson) {
        for (String[] rule : PLAIN) {
            if (jackson.matches(rule[0])) {
                return jackson.replaceAll(rule[0], rule[1]);
            }
        }
        return jackson.replaceAll(" \\(code \\d+\\)", "");
    }

    Scenario read() throws ScenarioException {
        try (JsonParser jsonParser = FACTORY.createParser(json)) {
            parser = jsonParser;
            readScenario();
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            String message = e.getOriginalMessage().lines().findFirst().orElse("malformed JSON")
                // Jackson names the start of an unclosed array or object by its parser source: keep only the place.
                .replaceAll("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]", "line $1, column $2");
            throw error(location == null ? 1 : location.getLineNr(), location == null ? 1 : location.getColumnNr(),
                "malformed JSON: " + plain(message));
        } catch (IOException e) {
            throw new ScenarioException(source, 1, 1, "cannot read: " + e.getMessage());
        }
        return new Scenario(source, title, summary, arch, gflags, globalFlags, pageHeap, lfh, image,
            List.copyOf(steps));
    }

    private void readScenario() throws IOException, ScenarioException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw error(here(), "a scenario is a JSON object: { \"heaplab\": 1, \"title\": ..., \"steps\": [...] }");
        }
        JsonLocation start = here();
        Set<String> seen = new HashSet<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonLocation fieldPlace = here();
            if (!seen.add(field)) {
                throw error(fieldPlace, "duplicate field '" + field + "'");
            }
            parser.nextToken();
            readField(field, fieldPlace);
        }
        for (String required : List.of("heaplab", "title", "steps")) {
            if (!seen.contains(required)) {
                throw error(start, "missing field '" + required + "'");
            }
        }
        if (parser.nextToken() != null) {
            throw error(here(), "unexpected content after the scenario object");
        }
    }

    private void readField(String field, JsonLocation fieldPlace) throws IOException, ScenarioException {
        switch (field) {
            case "heaplab" -> readVersion();
            case "title" -> title = nonEmpty(field);
            case "summary" -> summary = string(field);
            case "image" -> image = nonEmpty(field);
            case "arch" -> {
                String text = string(field);
                if (!text.equals("x86") && !text.equals("x64")) {
                    throw error(here(), "unknown arch '" + text + "' (x86 or x64)");
                }
                arch = Arch.parse(text);
            }
            case "gflags" -> readGlobalFlags();
            case "pageHeap" -> pageHeap = oneOf(field, "full", "light");
            case "lfh" -> lfh = oneOf(field, "auto", "on", "off");
            case "steps" -> readSteps();
            default -> throw error(fieldPlace, "unknown field '" + field + "' (fields: " + FIELDS + ")");
        }
    }

    private void readVersion() throws IOException, ScenarioException {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw error(here(), "'heaplab' must be the format version, the number 1");
        }
        if (parser.getValueAsLong() != 1) {
            throw error(here(), "unsupported format version " + parser.getText() + " (this HeapLab reads version 1)");
        }
    }

    private void readGlobalFlags() throws IOException, ScenarioException {
        gflags = string("gflags");
        try {
            globalFlags = GlobalFlags.parse(gflags);
        } catch (GlobalFlags.ParseException e) {
            throw error(here().getLineNr(), JsonPlaces.column(json, here(), e.index()), e.getMessage());
        }
    }

    private void readSteps() throws IOException, ScenarioException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw error(here(), "'steps' must be an array of steps");
        }
        steps = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            steps.add(readStep(steps.size() + 1));
        }
    }

    private Step readStep(int number) throws IOException, ScenarioException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw error(here(), "step " + number + " must be an object: { \"do\": \"...\" }");
        }
        JsonLocation start = here();
        Step.Kind kind = null;
        String text = null;
        JsonLocation textPlace = null;
        String say = "";
        boolean breakpoint = false;
        Set<String> seen = new HashSet<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonLocation fieldPlace = here();
            if (!seen.add(field)) {
                throw error(fieldPlace, "duplicate field '" + field + "'");
            }
            parser.nextToken();
            switch (field) {
                case "do", "cmd", "expect" -> {
                    if (kind != null) {
                        throw error(fieldPlace, "a step has exactly one of 'do', 'cmd', 'expect'");
                    }
                    kind = field.equals("do") ? Step.Kind.DO : field.equals("cmd") ? Step.Kind.CMD : Step.Kind.EXPECT;
                    text = string(field);
                    textPlace = here();
                }
                case "say" -> say = string(field);
                case "break" -> breakpoint = bool(field);
                default -> throw error(fieldPlace, "unknown step field '" + field + "' (fields: " + STEP_FIELDS + ")");
            }
        }
        if (kind == null) {
            throw error(start, "step " + number + " has none of 'do', 'cmd', 'expect'");
        }
        if (kind == Step.Kind.CMD && text.isBlank()) {
            throw error(textPlace, "empty command");
        }
        StatementChecker.Failure failure = checker.check(kind, text);
        if (failure != null) {
            throw error(textPlace.getLineNr(), JsonPlaces.column(json, textPlace, failure.index()), failure.detail());
        }
        return new Step(kind, text, say, breakpoint, textPlace.getLineNr(), textPlace.getColumnNr() + 1,
            checker.lastParsed());
    }

    private String string(String field) throws IOException, ScenarioException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw error(here(), "'" + field + "' must be a string");
        }
        return parser.getText();
    }

    private String nonEmpty(String field) throws IOException, ScenarioException {
        String text = string(field);
        if (text.isBlank()) {
            throw error(here(), "'" + field + "' must not be empty");
        }
        return text;
    }

    private String oneOf(String field, String... allowed) throws IOException, ScenarioException {
        String text = string(field);
        for (String value : allowed) {
            if (value.equals(text)) {
                return text;
            }
        }
        String choices = String.join(", ", List.of(allowed).subList(0, allowed.length - 1)) + " or "
            + allowed[allowed.length - 1];
        throw error(here(), "'" + field + "' must be " + choices + ", not '" + text + "'");
    }

    private boolean bool(String field) throws ScenarioException {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
            throw error(here(), "'" + field + "' must be true or false");
        }
        return token == JsonToken.VALUE_TRUE;
    }

    private JsonLocation here() {
        return parser.currentTokenLocation();
    }

    private ScenarioException error(JsonLocation place, String detail) {
        return error(place.getLineNr(), place.getColumnNr(), detail);
    }

    private ScenarioException error(int line, int column, String detail) {
        // At the end of an empty file the parser's place is column 0: places are 1-based.
        return new ScenarioException(source, Math.max(1, line), Math.max(1, column), detail);
    }
}
