package heaplab.engine.scenario;

import com.fasterxml.jackson.core.JsonLocation;

/**
 * Places in the JSON text: the line and column of a character inside a string value, given its index in the
 * decoded string. Escapes ({@code \n}, {@code \"}, {@code \u0041}) are walked over, so the column is exact.
 */
final class JsonPlaces {

    private JsonPlaces() {
    }

    /**
     * The 1-based file column of a character of a string value.
     *
     * @param json         the whole JSON text (the parser read it from a String, so offsets are char offsets)
     * @param openingQuote the location Jackson gave for the string token: its opening quote
     * @param decodedIndex 0-based index in the decoded string (its length for "just after the last character")
     */
    static int column(String json, JsonLocation openingQuote, int decodedIndex) {
        int contentStart = (int) openingQuote.getCharOffset() + 1;
        int raw = contentStart;
        for (int decoded = 0; decoded < decodedIndex && raw < json.length() && json.charAt(raw) != '"'; decoded++) {
            if (json.charAt(raw) == '\\') {
                raw += raw + 1 < json.length() && json.charAt(raw + 1) == 'u' ? 6 : 2;
            } else {
                raw++;
            }
        }
        return openingQuote.getColumnNr() + 1 + (raw - contentStart);
    }
}
