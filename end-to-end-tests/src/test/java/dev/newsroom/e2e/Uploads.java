package dev.newsroom.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Posting article files to one ingest-service instance as a multipart batch, as publishers do. */
final class Uploads {

    /** One file to send. */
    record Upload(String name, byte[] bytes) {
        static Upload of(String name, String text) {
            return new Upload(name, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** What ingest answered for one file. */
    record Outcome(String file, String id, long version, String status) {
        boolean acknowledged() {
            return "accepted".equals(status) || "unchanged".equals(status);
        }
    }

    private Uploads() {
    }

    /**
     * The batch's outcomes, in order; throws when the batch was not answered 200 (503, a connection refused
     * by a killed instance, ...): then nothing of it counts as acknowledged.
     */
    static List<Outcome> post(String ingestUrl, List<Upload> files) {
        RequestSpecification request = given().baseUri(ingestUrl).header("Authorization", "Bearer " + Newsroom.TOKEN);
        for (Upload f : files) {
            request = request.multiPart("files", f.name(), f.bytes(), "text/markdown");
        }
        Response response = request.post("/ingest");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("ingest answered " + response.statusCode() + ": " + response.asString());
        }
        JsonPath json = response.jsonPath();
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            String prefix = "items[" + i + "].";
            outcomes.add(new Outcome(json.getString(prefix + "file"), json.getString(prefix + "id"),
                    json.getLong(prefix + "version"), json.getString(prefix + "status")));
        }
        return outcomes;
    }
}
