package dev.newsroom.cli;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A {@code multipart/form-data} body of files, all in the field {@code files}, as browsers write it. */
final class MultipartBody {

    private final String boundary = "newsroom-" + UUID.randomUUID();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    MultipartBody add(String name, byte[] content) {
        // quotes and line breaks percent-encoded as browsers do; filename* carries the exact UTF-8 name
        String plain = name.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
        String extended = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        write("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"files\"; filename=\"" + plain + "\"; filename*=UTF-8''" + extended + "\r\n"
                + "Content-Type: text/markdown\r\n\r\n");
        out.writeBytes(content);
        write("\r\n");
        return this;
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    byte[] toByteArray() {
        ByteArrayOutputStream copy = new ByteArrayOutputStream(out.size() + boundary.length() + 8);
        copy.writeBytes(out.toByteArray());
        copy.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return copy.toByteArray();
    }

    private void write(String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
