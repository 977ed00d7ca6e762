package dev.newsroom.infra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} a real Kafka broker and a real PostgreSQL (see {@link Infrastructure#forTests()}).
 * Every test class of a module that names this resource shares one broker and one database server.
 */
public class NewsroomTestInfrastructure implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Infrastructure.forTests().serviceConfig();
    }

    @Override
    public void stop() {
        // The infrastructure lives as long as the test JVM: Quarkus may restart the application between
        // test classes, and a fresh broker for each would cost seconds and prove nothing more.
    }
}
