package io.github.codefind.demo.spring.system;

import io.github.codefind.demo.spring.owner.OwnerRepository;
import io.github.codefind.demo.spring.owner.PetRepository;
import io.github.codefind.demo.spring.owner.PetTypeRepository;
import io.github.codefind.demo.spring.owner.PetType;
import io.github.codefind.demo.spring.visit.VisitRepository;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Counts for the welcome page and {@code /api/stats}. */
@Service
@Transactional(readOnly = true)
public class StatsService {
    private final OwnerRepository owners;
    private final PetRepository pets;
    private final PetTypeRepository types;
    private final VisitRepository visits;

    /**
     * @param owners the owners
     * @param pets the pets
     * @param types the kinds of pets
     * @param visits the visits
     */
    public StatsService(OwnerRepository owners, PetRepository pets, PetTypeRepository types, VisitRepository visits) {
        this.owners = owners;
        this.pets = pets;
        this.types = types;
        this.visits = visits;
    }

    /**
     * The clinic in numbers.
     *
     * @param owners how many owners
     * @param pets how many pets
     * @param petsByType how many pets of each kind
     * @param upcomingVisits how many visits from today on
     */
    public record Stats(long owners, long pets, Map<String, Long> petsByType, long upcomingVisits) {
    }

    /** @return the clinic in numbers, now */
    public Stats stats() {
        Map<String, Long> byType = new LinkedHashMap<>();
        for (PetType t : types.findAllByOrderByName()) {
            byType.put(t.getName(), pets.countByTypeName(t.getName()));
        }
        return new Stats(owners.count(), pets.count(), byType,
                visits.findByDateGreaterThanEqualOrderByDate(LocalDate.now()).size());
    }
}
