package io.github.codefind.demo.spring.visit;

import java.time.LocalDate;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Visits. */
public interface VisitRepository extends JpaRepository<Visit, Long> {
    /**
     * @param from the first day
     * @return the visits from that day on, earliest first
     */
    List<Visit> findByDateGreaterThanEqualOrderByDate(LocalDate from);
}
