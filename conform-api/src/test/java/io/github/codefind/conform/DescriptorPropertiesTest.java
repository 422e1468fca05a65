package io.github.codefind.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.codefind.conform.Generators.MethodSample;
import io.github.codefind.conform.Generators.TypeSample;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Round trips between the descriptor form, the Java type name form and the parsed values. */
class DescriptorPropertiesTest {

    @Provide
    Arbitrary<TypeSample> fieldTypes() {
        return Generators.fieldTypes();
    }

    @Provide
    Arbitrary<TypeSample> returnTypes() {
        return Generators.returnTypes();
    }

    @Provide
    Arbitrary<MethodSample> methods() {
        return Generators.methodSamples();
    }

    @Provide
    Arbitrary<String> binaryNames() {
        return Generators.binaryNames();
    }

    @Property
    void typeDescriptorStringRoundTrips(@ForAll("returnTypes") TypeSample sample) {
        String s = sample.descriptor();
        TypeDescriptor parsed = TypeDescriptor.parse(s);
        assertEquals(s, parsed.descriptor());
        assertEquals(s, parsed.toString());
        assertEquals(parsed, TypeDescriptor.parse(parsed.descriptor()));
    }

    @Property
    void typeNameFormAgreesWithDescriptorForm(@ForAll("returnTypes") TypeSample sample) {
        TypeDescriptor fromDescriptor = TypeDescriptor.parse(sample.descriptor());
        TypeDescriptor fromName = TypeDescriptor.ofTypeName(sample.typeName());
        assertEquals(fromDescriptor, fromName);
        assertEquals(sample.typeName(), fromDescriptor.typeName());
        assertEquals(fromDescriptor, TypeDescriptor.ofTypeName(fromDescriptor.typeName()));
        assertEquals(sample.typeName(), TypeDescriptor.ofTypeName(sample.typeName()).typeName());
    }

    @Property
    void shapeAccessorsAgreeWithTheStructure(@ForAll("returnTypes") TypeSample sample) {
        TypeDescriptor t = TypeDescriptor.parse(sample.descriptor());
        assertEquals(sample.dimensions(), t.dimensions());
        assertEquals(sample.dimensions() > 0, t.isArray());
        assertEquals(sample.primitive(), t.isPrimitive());
        assertEquals(sample.descriptor().equals("V"), t.isVoid());
        TypeDescriptor element = t.elementType();
        assertFalse(element.isArray());
        assertEquals(sample.descriptor().substring(sample.dimensions()), element.descriptor());
        if (!t.isArray()) {
            assertEquals(t, element);
        }
    }

    @Property
    void methodDescriptorRoundTrips(@ForAll("methods") MethodSample sample) {
        String s = sample.descriptor();
        MethodDescriptor built = sample.toDescriptor();
        assertEquals(s, built.descriptor());
        assertEquals(s, built.toString());
        assertEquals(built, MethodDescriptor.parse(built.descriptor()));
        MethodDescriptor parsed = MethodDescriptor.parse(s);
        assertEquals(s, parsed.descriptor());
        assertEquals(sample.parameters().size(), parsed.parameterTypes().size());
        for (int i = 0; i < sample.parameters().size(); i++) {
            assertEquals(sample.parameters().get(i).descriptor(), parsed.parameterTypes().get(i).descriptor());
        }
        assertEquals(sample.returnType().descriptor(), parsed.returnType().descriptor());
    }

    @Property
    void methodDescriptorCopiesItsParameterList(@ForAll("methods") MethodSample sample) {
        List<TypeDescriptor> params = new ArrayList<>(sample.toDescriptor().parameterTypes());
        MethodDescriptor d = new MethodDescriptor(params, sample.returnType().toDescriptor());
        params.add(TypeDescriptor.parse("I"));
        assertEquals(sample.parameters().size(), d.parameterTypes().size());
    }

    @Property
    void classUnitNamesRoundTrip(@ForAll("binaryNames") String name) {
        ClassUnit unit = ClassUnit.of(name);
        assertEquals(name, unit.name());
        assertEquals(name, unit.toString());
        assertEquals(name.replace('.', '/'), unit.internalName());
        assertEquals(unit, ClassUnit.ofInternalName(unit.internalName()));
        assertEquals("L" + unit.internalName() + ";", unit.descriptor().descriptor());
        assertEquals(name, unit.descriptor().typeName());
        assertEquals(unit.declaringClass(), unit);
        int dot = name.lastIndexOf('.');
        assertEquals(dot < 0 ? "" : name.substring(0, dot), unit.packageName());
        assertTrue(unit.source().isEmpty());
    }
}
