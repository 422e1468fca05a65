package io.github.codefind.demo.spring.owner;

import java.text.ParseException;
import java.util.Locale;
import org.springframework.format.Formatter;
import org.springframework.stereotype.Component;

/** The pet form's kind, by name: Spring Boot registers Formatter beans with Spring MVC. */
@Component
public class PetTypeFormatter implements Formatter<PetType> {
    private final PetTypeRepository types;

    /** @param types the kinds of pets */
    public PetTypeFormatter(PetTypeRepository types) {
        this.types = types;
    }

    @Override
    public String print(PetType type, Locale locale) {
        return type.getName();
    }

    @Override
    public PetType parse(String text, Locale locale) throws ParseException {
        return types.findByName(text).orElseThrow(() -> new ParseException("no kind of pet named " + text, 0));
    }
}
