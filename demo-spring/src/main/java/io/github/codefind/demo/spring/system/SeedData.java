package io.github.codefind.demo.spring.system;

import io.github.codefind.demo.spring.owner.Owner;
import io.github.codefind.demo.spring.owner.OwnerRepository;
import io.github.codefind.demo.spring.owner.Pet;
import io.github.codefind.demo.spring.owner.PetType;
import io.github.codefind.demo.spring.owner.PetTypeRepository;
import io.github.codefind.demo.spring.vet.Specialty;
import io.github.codefind.demo.spring.vet.SpecialtyRepository;
import io.github.codefind.demo.spring.vet.Vet;
import io.github.codefind.demo.spring.vet.VetRepository;
import io.github.codefind.demo.spring.visit.Visit;
import io.github.codefind.demo.spring.visit.VisitRepository;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Fills the in-memory database at start, so that every page has something to show. Once every bean exists,
 * not in an {@code ApplicationRunner}: runners run after the server listens, and a first request would
 * find no owners.
 */
@Component
public class SeedData implements SmartInitializingSingleton {
    private final PetTypeRepository types;
    private final SpecialtyRepository specialties;
    private final VetRepository vets;
    private final OwnerRepository owners;
    private final VisitRepository visits;

    /**
     * @param types the kinds of pets
     * @param specialties the specialties
     * @param vets the vets
     * @param owners the owners
     * @param visits the visits
     */
    public SeedData(PetTypeRepository types, SpecialtyRepository specialties, VetRepository vets,
            OwnerRepository owners, VisitRepository visits) {
        this.types = types;
        this.specialties = specialties;
        this.vets = vets;
        this.owners = owners;
        this.visits = visits;
    }

    @Override
    @Transactional
    public void afterSingletonsInstantiated() {
        Map<String, PetType> kinds = new HashMap<>();
        for (String k : List.of("bird", "cat", "dog", "hamster", "lizard", "snake")) {
            kinds.put(k, types.save(new PetType(k)));
        }
        Specialty radiology = specialties.save(new Specialty("radiology"));
        Specialty surgery = specialties.save(new Specialty("surgery"));
        Specialty dentistry = specialties.save(new Specialty("dentistry"));
        List<Vet> staff = vets.saveAll(List.of(new Vet("James", "Carter"), new Vet("Helen", "Leary", radiology),
                new Vet("Linda", "Douglas", surgery, dentistry), new Vet("Rafael", "Ortega", surgery),
                new Vet("Henry", "Stevens", radiology), new Vet("Sharon", "Jenkins")));

        Object[][] rows = {
            {"George", "Franklin", "110 W. Liberty St.", "Madison", "6085551023", "Leo", "cat", "2020-09-07"},
            {"Betty", "Davis", "638 Cardinal Ave.", "Sun Prairie", "6085551749", "Basil", "hamster", "2022-08-06"},
            {"Eduardo", "Rodriquez", "2693 Commerce St.", "McFarland", "6085558763", "Rosy", "dog", "2021-04-17"},
            {"Harold", "Davis", "563 Friendly St.", "Windsor", "6085553198", "Iggy", "lizard", "2020-11-30"},
            {"Peter", "McTavish", "2387 S. Fair Way", "Madison", "6085552765", "George", "snake", "2020-01-20"},
            {"Jean", "Coleman", "105 N. Lake St.", "Monona", "6085552654", "Samantha", "cat", "2022-09-04"},
            {"Jeff", "Black", "1450 Oak Blvd.", "Monona", "6085555387", "Lucky", "bird", "2021-08-06"},
            {"Maria", "Escobito", "345 Maple St.", "Madison", "6085557683", "Mulligan", "dog", "2017-02-24"},
            {"David", "Schroeder", "2749 Blackhawk Trail", "Madison", "6085559435", "Freddy", "bird", "2020-03-09"},
            {"Carlos", "Estaban", "2335 Independence La.", "Waunakee", "6085555487", "Lucky", "dog", "2020-06-24"},
        };
        LocalDate today = LocalDate.now();
        int n = 0;
        for (Object[] r : rows) {
            Owner o = new Owner((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4]);
            Pet pet = new Pet((String) r[5], LocalDate.parse((String) r[7]), kinds.get((String) r[6]));
            o.addPet(pet);
            owners.save(o);
            // Some visits past, some to come, so that the stats and the owner pages show both.
            visits.save(new Visit(pet, today.plusDays(n * 3L - 12), n % 2 == 0 ? "rabies shot" : "dentistry check",
                    staff.get(n % staff.size())));
            n++;
        }
    }
}
