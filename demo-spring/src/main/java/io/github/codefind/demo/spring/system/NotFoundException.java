package io.github.codefind.demo.spring.system;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Something a URL names does not exist: a 404, for pages and the API alike. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class NotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param what the kind of thing, such as {@code owner}
     * @param id its id
     */
    public NotFoundException(String what, Object id) {
        super("No " + what + " " + id);
    }
}
