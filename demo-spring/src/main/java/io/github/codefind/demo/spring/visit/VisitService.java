package io.github.codefind.demo.spring.visit;

import io.github.codefind.demo.spring.owner.OwnerService;
import io.github.codefind.demo.spring.owner.Pet;
import io.github.codefind.demo.spring.vet.Vet;
import io.github.codefind.demo.spring.vet.VetRepository;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Booking visits. */
@Service
@Transactional
public class VisitService {
    private final OwnerService owners;
    private final VisitRepository visits;
    private final VetRepository vets;

    /**
     * @param owners the owners and pets
     * @param visits the visits
     * @param vets the vets
     */
    public VisitService(OwnerService owners, VisitRepository visits, VetRepository vets) {
        this.owners = owners;
        this.visits = visits;
        this.vets = vets;
    }

    /**
     * Books a visit, with the vet whose specialties fit the pet best.
     *
     * @param ownerId the owner
     * @param petId the pet
     * @param visit the date and description
     * @return the visit as saved
     */
    public Visit book(long ownerId, long petId, Visit visit) {
        Pet pet = owners.pet(ownerId, petId);
        visit.setPet(pet);
        visit.setVet(vetFor(visit.getDescription()).orElse(null));
        return visits.save(visit);
    }

    /**
     * @param description why a pet comes
     * @return a vet with a specialty the description names, else the vet with the fewest specialties
     */
    @Transactional(readOnly = true)
    public Optional<Vet> vetFor(String description) {
        List<Vet> all = vets.findAll();
        String text = description == null ? "" : description.toLowerCase(Locale.ROOT);
        return all.stream().filter(v -> v.getSpecialties().stream().anyMatch(s -> text.contains(s.getName())))
                .findFirst().or(() -> all.stream().min(Comparator.comparingInt(v -> v.getSpecialties().size())));
    }
}
