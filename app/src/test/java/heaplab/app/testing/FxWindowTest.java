package heaplab.app.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A TestFX test of a window (its {@code @Start} method shows it): the application extension, and every stage closed
 * after each test, so that no window of one test is still open in the next.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith({ApplicationExtension.class, FxWindowTest.CloseStages.class})
public @interface FxWindowTest {

    /** Closes every stage after each test. */
    final class CloseStages implements AfterEachCallback {
        @Override
        public void afterEach(ExtensionContext context) throws Exception {
            FxToolkit.cleanupStages();
        }
    }
}
