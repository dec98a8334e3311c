package heaplab.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of HeapLab: from the jar's manifest, else from the Maven descriptor that the build puts in jars. */
public final class Version {
    private static final String POM_PROPERTIES = "/META-INF/maven/heaplab/heaplab-app/pom.properties";

    private Version() {
    }

    /** The version, such as {@code 0.1.0}, or {@code unknown} when running from classes that no jar holds. */
    public static String get() {
        String version = Version.class.getPackage().getImplementationVersion();
        if (version != null) {
            return version;
        }
        try (InputStream in = Version.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                version = properties.getProperty("version");
            }
        } catch (IOException e) {
            version = null;
        }
        return version != null ? version : "unknown";
    }
}
