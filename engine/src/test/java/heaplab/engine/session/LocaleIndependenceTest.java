package heaplab.engine.session;

import heaplab.engine.scenario.SampleInfo;
import heaplab.engine.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The same scenario gives the same output on every machine (scenario-format.md), whatever its locale: an Arabic
 * default locale formats %d with Arabic-Indic digits unless the format names Locale.ROOT (outside check).
 */
class LocaleIndependenceTest {
    private static final String[] COMMANDS = {"!heap -s", "!heap -a", "!heap -stat -h 0", "!heap -b", "!heap -p"};

    private static String everything() {
        StringBuilder out = new StringBuilder();
        for (SampleInfo sample : ScenarioLoader.samples()) {
            Session session = Session.open(ScenarioLoader.loadSample(sample.name()));
            session.run();
            while (session.position() < session.steps().size() && !session.isStopped()) {
                session.run();
            }
            session.outcomes().forEach(o -> out.append(o == null ? "" : o.output()).append('\n'));
            for (String command : COMMANDS) {
                out.append(session.console(command));
            }
        }
        return out.toString();
    }

    @Test
    void everySampleSaysTheSameUnderAnArabicLocale() {
        Locale before = Locale.getDefault(Locale.Category.FORMAT);
        String root;
        String arabic;
        try {
            Locale.setDefault(Locale.Category.FORMAT, Locale.ROOT);
            root = everything();
            Locale.setDefault(Locale.Category.FORMAT, Locale.forLanguageTag("ar-EG-u-nu-arab"));
            arabic = everything();
        } finally {
            Locale.setDefault(Locale.Category.FORMAT, before);
        }
        assertEquals(root, arabic);
    }
}
