package io.github.codefind.spring.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** Real HTTP requests to an application on 127.0.0.1. */
public final class Http {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final int port;

    /**
     * An HTTP response.
     *
     * @param status the status code
     * @param body the body
     */
    public record Response(int status, String body) {
        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /** @param port the application's port on 127.0.0.1 */
    public Http(int port) {
        this.port = port;
    }

    /**
     * @param path such as {@code /hello}
     * @return the response
     * @throws IOException if the request fails (connection refused while the server restarts)
     */
    public Response get(String path) throws IOException {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET());
    }

    /**
     * @param path such as {@code /owners/new}
     * @param contentType such as {@code application/json}
     * @param body the request's body
     * @return the response; redirects are not followed
     * @throws IOException if the request fails
     */
    public Response post(String path, String contentType, String body) throws IOException {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Response send(HttpRequest.Builder builder) throws IOException {
        HttpRequest request = builder.timeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /**
     * Requests a path until the response passes a test, every few milliseconds.
     *
     * @param path the path
     * @param test what to wait for
     * @param timeout how long to try
     * @return the response that passed
     * @throws AssertionError with the last response if none passed in time
     */
    public Response await(String path, Predicate<Response> test, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Object last = null;
        while (System.nanoTime() < deadline) {
            try {
                Response r = get(path);
                if (test.test(r)) {
                    return r;
                }
                last = r;
            } catch (IOException e) {
                last = e;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("GET " + path + " did not answer as expected within " + timeout + "; last: " + last);
    }
}
