package io.github.codefind.jmh.patch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A web application in a child JVM on a port of 127.0.0.1, its output kept in a log file, spoken to over HTTP. */
final class ChildApp implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private ChildApp(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * @param command the child's command line
     * @param port the port it serves on
     * @param log where its output goes
     * @return the child, started; see {@link #await}
     * @throws IOException if it cannot be started
     */
    static ChildApp start(List<String> command, int port, Path log) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        // The child's output goes to a file, read by a thread of its own, so that a full pipe never stalls it.
        Thread copier = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                    PrintWriter out = new PrintWriter(Files.newBufferedWriter(log), true)) {
                for (String l = in.readLine(); l != null; l = in.readLine()) {
                    out.println(l);
                }
            } catch (IOException e) {
                // The pipe closes when close() ends the child: the log has all there was.
                if (p.isAlive()) {
                    throw new UncheckedIOException(e);
                }
            }
        }, "child-output");
        copier.setDaemon(true);
        copier.start();
        return new ChildApp(p, port, log);
    }

    /** @return where the child's output goes */
    Path log() {
        return log;
    }

    /**
     * @param path such as {@code /api/owners}
     * @param contentType the body's type
     * @param body the body
     * @return the response's body
     * @throws IOException if the request fails or is not answered with a 2xx status
     */
    String post(String path, String contentType, String body) throws IOException {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * @param path a path
     * @return the status code of a GET
     * @throws IOException if the request fails
     */
    int status(String path) throws IOException {
        try {
            return CLIENT.send(request(path).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /**
     * GETs a path every 5 ms, through connection refusals and errors (an application restarting), until the
     * body passes a test.
     *
     * @param path a path
     * @param test what to wait for
     * @param timeout how long at most
     * @throws IOException if no response passes the test in time, or the child died
     */
    void await(String path, Predicate<String> test, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Object last = null;
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                String body = send(request(path).GET());
                if (test.test(body)) {
                    return;
                }
                last = body;
            } catch (IOException e) {
                last = e;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        throw new IOException("GET " + path + " on port " + port + ": no expected answer within " + timeout
                + (process.isAlive() ? "" : " (the child exited)") + "; last: " + last + "; log: " + log);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
    }

    private static String send(HttpRequest.Builder request) throws IOException {
        try {
            HttpResponse<String> r = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IOException("status " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
