package io.github.codefind.demo.spring.vet;

import java.util.Comparator;
import java.util.List;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The vets, as the pages and the API show them: read often, changed rarely, so cached (Caffeine). */
@Service
public class VetService {
    private final VetRepository vets;

    /** @param vets the vets */
    public VetService(VetRepository vets) {
        this.vets = vets;
    }

    /**
     * A vet as pages and the API show it.
     *
     * @param id the id
     * @param name first and last name
     * @param specialties what the vet is trained in, by name; empty for none
     */
    public record VetView(long id, String name, List<String> specialties) {
    }

    /** @return every vet, by last name */
    @Cacheable("vets")
    @Transactional(readOnly = true)
    public List<VetView> all() {
        return vets.findAll().stream().sorted(Comparator.comparing(Vet::getLastName))
                .map(v -> new VetView(v.getId(), v.fullName(),
                        v.getSpecialties().stream().map(Specialty::getName).sorted().toList()))
                .toList();
    }
}
