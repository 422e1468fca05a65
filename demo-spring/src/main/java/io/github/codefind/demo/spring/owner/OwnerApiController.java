package io.github.codefind.demo.spring.owner;

import jakarta.validation.Valid;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The owners as JSON, and one line of text per owner. */
@RestController
@RequestMapping("/api/owners")
public class OwnerApiController {
    private final OwnerService service;

    /** @param service the owners */
    public OwnerApiController(OwnerService service) {
        this.service = service;
    }

    /**
     * An owner as the API shows it: entities stay inside the application.
     *
     * @param id the id
     * @param name first and last name
     * @param city the city
     * @param telephone the telephone number
     * @param pets the pets
     */
    public record OwnerView(long id, String name, String city, String telephone, List<PetView> pets) {
        static OwnerView of(Owner o) {
            return new OwnerView(o.getId(), o.fullName(), o.getCity(), o.getTelephone(),
                    o.getPets().stream().map(p -> new PetView(p.getName(), p.getType().getName(), p.getBirthDate(),
                            p.getVisits().size())).toList());
        }
    }

    /**
     * A pet as the API shows it.
     *
     * @param name its name
     * @param type its kind
     * @param birthDate its birth date
     * @param visits how many visits it had
     */
    public record PetView(String name, String type, LocalDate birthDate, int visits) {
    }

    /**
     * @param lastName the start of a last name, optional
     * @return the owners found
     */
    @GetMapping
    public List<OwnerView> list(@RequestParam(defaultValue = "") String lastName) {
        return service.search(lastName).stream().map(OwnerView::of).toList();
    }

    /**
     * @param id an owner
     * @return the owner
     */
    @GetMapping("/{id}")
    public OwnerView get(@PathVariable long id) {
        return OwnerView.of(service.owner(id));
    }

    /**
     * @param owner a new owner; invalid fields are a 400 with Spring Boot's error body
     * @return 201, with the owner and its address
     */
    @PostMapping
    public ResponseEntity<OwnerView> create(@Valid @RequestBody Owner owner) {
        Owner saved = service.save(owner);
        return ResponseEntity.created(URI.create("/api/owners/" + saved.getId())).body(OwnerView.of(saved));
    }

    /**
     * @param id an owner
     * @return one line about the owner, as text
     */
    @GetMapping(value = "/{id}/summary", produces = "text/plain")
    public String summary(@PathVariable long id) {
        Owner owner = service.owner(id);
        return owner.fullName() + " of " + owner.getCity() + " has " + owner.getPets().size() + " pet(s)";
    }
}
