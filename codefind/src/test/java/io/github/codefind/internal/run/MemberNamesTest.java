package io.github.codefind.internal.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.codefind.conform.ClassUnit;
import io.github.codefind.conform.LambdaUnit;
import io.github.codefind.conform.MethodUnit;
import org.junit.jupiter.api.Test;

/** The console names members as a Java developer writes them, not by their JVM descriptors. */
class MemberNamesTest {
    private static final ClassUnit OWNER = ClassUnit.of("com.example.owner.OwnerController");

    @Test
    void methodsConstructorsAndInitializers() {
        assertEquals("OwnerController.processFindForm(Owner, BindingResult, Model)", MemberNames.of(MethodUnit.of(
                OWNER, "processFindForm", "(Lcom/example/owner/Owner;Lorg/springframework/validation/BindingResult;"
                        + "Lorg/springframework/ui/Model;)Ljava/lang/String;")));
        assertEquals("OwnerController.summary(long, int[], Map.Entry[][])", MemberNames.of(MethodUnit.of(OWNER,
                "summary", "(J[I[[Ljava/util/Map$Entry;)V")));
        assertEquals("OwnerController(OwnerRepository)", MemberNames.of(MethodUnit.of(OWNER, "<init>",
                "(Lcom/example/owner/OwnerRepository;)V")));
        assertEquals("OwnerController.<static initializer>", MemberNames.of(MethodUnit.of(OWNER, "<clinit>", "()V")));
    }

    @Test
    void classesNestedAnonymousAndLambdas() {
        assertEquals("OwnerController", MemberNames.of(OWNER));
        assertEquals("OwnerController.PetView", MemberNames.of(ClassUnit.of("com.example.owner.OwnerController$PetView")));
        assertEquals("OwnerController$1", MemberNames.of(ClassUnit.of("com.example.owner.OwnerController$1")));
        assertEquals("Main", MemberNames.of(ClassUnit.of("Main")));
        assertEquals("lambda in OwnerController.summary", MemberNames.of(LambdaUnit.of(OWNER,
                MethodUnit.of(OWNER, "lambda$summary$0", "(Ljava/lang/String;)Ljava/lang/String;"))));
    }
}
