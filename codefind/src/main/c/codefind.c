/*
 * codefind's JVMTI shim: heap walking (and, later, class redefinition) for a library loaded with
 * System.load in the live phase. No -agentpath is needed.
 *
 * Rules kept here:
 * - heap callbacks touch only tags and plain C memory: no JNI or JVMTI calls inside them;
 * - every tag this environment sets is cleared before a call returns, errors included;
 * - errors become Java exceptions (IllegalStateException) naming the JVMTI function and error.
 * The Java side (Jvmti.java) serializes callers, so no state here is shared between threads.
 */
#include <jni.h>
#include <jvmti.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io_github_codefind_internal_heap_Jvmti.h"

#define EXPORT JNIEXPORT

/* Tag spaces: the top bits say what a tag means, the low bits carry an index. */
#define TAG_FOUND     ((jlong) 1)
#define TAG_CLASS     ((jlong) 2)
#define TAG_REFCLASS  ((jlong) 3)
#define TAG_IGNORED   ((jlong) 4)
#define TAG_PROBE     ((jlong) 5)
#define TAG_TARGET    ((jlong) 1 << 40)
#define TAG_REFERRER  ((jlong) 1 << 41)
#define TAG_INDEX     (((jlong) 1 << 40) - 1)

static jvmtiEnv *jvmti;
static const char *init_error;

static jint get_env(JavaVM *vm) {
    jvmtiCapabilities caps;
    jint rc = (*vm)->GetEnv(vm, (void **) &jvmti, JVMTI_VERSION_1_2);
    if (rc != JNI_OK || jvmti == NULL) {
        init_error = "JavaVM GetEnv(JVMTI_VERSION_1_2) failed: this JVM offers no JVMTI";
        jvmti = NULL;
        return JNI_VERSION_1_8;
    }
    memset(&caps, 0, sizeof caps);
    caps.can_tag_objects = 1;
    caps.can_redefine_classes = 1;
    if ((*jvmti)->AddCapabilities(jvmti, &caps) != JVMTI_ERROR_NONE) {
        init_error = "JVMTI AddCapabilities(can_tag_objects, can_redefine_classes) failed in the live phase";
        (*jvmti)->DisposeEnvironment(jvmti);
        jvmti = NULL;
    }
    return JNI_VERSION_1_8;
}

EXPORT jint JNICALL JNI_OnLoad(JavaVM *vm, void *reserved) {
    (void) reserved;
    return get_env(vm);
}

/* Throws IllegalStateException for a JVMTI error; returns 1 if it did. */
static int failed(JNIEnv *env, jvmtiError err, const char *what) {
    char message[256];
    char *name = NULL;
    jclass ise;
    if (err == JVMTI_ERROR_NONE) {
        return 0;
    }
    (*jvmti)->GetErrorName(jvmti, err, &name);
    snprintf(message, sizeof message, "JVMTI %s failed: %s (%d)", what, name ? name : "?", (int) err);
    if (name) {
        (*jvmti)->Deallocate(jvmti, (unsigned char *) name);
    }
    if (!(*env)->ExceptionCheck(env)) {
        ise = (*env)->FindClass(env, "java/lang/IllegalStateException");
        if (ise) {
            (*env)->ThrowNew(env, ise, message);
        }
    }
    return 1;
}

static void deallocate(void *p) {
    if (p) {
        (*jvmti)->Deallocate(jvmti, (unsigned char *) p);
    }
}

JNIEXPORT jstring JNICALL Java_io_github_codefind_internal_heap_Jvmti_init0(JNIEnv *env, jclass cls) {
    (void) cls;
    return init_error ? (*env)->NewStringUTF(env, init_error) : NULL;
}

JNIEXPORT void JNICALL Java_io_github_codefind_internal_heap_Jvmti_forceGc0(JNIEnv *env, jclass cls) {
    (void) cls;
    failed(env, (*jvmti)->ForceGarbageCollection(jvmti), "ForceGarbageCollection");
}

JNIEXPORT jobjectArray JNICALL Java_io_github_codefind_internal_heap_Jvmti_loadedClasses0(JNIEnv *env,
        jclass cls) {
    jint count = 0;
    jclass *classes = NULL;
    jobjectArray result = NULL;
    jclass class_class;
    jint i;
    (void) cls;
    if (failed(env, (*jvmti)->GetLoadedClasses(jvmti, &count, &classes), "GetLoadedClasses")) {
        return NULL;
    }
    class_class = (*env)->FindClass(env, "java/lang/Class");
    if (class_class) {
        result = (*env)->NewObjectArray(env, count, class_class, NULL);
    }
    for (i = 0; i < count; i++) {
        if (result) {
            (*env)->SetObjectArrayElement(env, result, i, classes[i]);
        }
        (*env)->DeleteLocalRef(env, classes[i]);
    }
    deallocate(classes);
    return result;
}

/* ---- instances and counts ---- */

static jint JNICALL count_any(jlong class_tag, jlong size, jlong *tag_ptr, jint length, void *data) {
    (void) class_tag; (void) size; (void) tag_ptr; (void) length;
    ++*(jlong *) data;
    return 0;
}

static jint JNICALL count_marked(jlong class_tag, jlong size, jlong *tag_ptr, jint length, void *data) {
    (void) size; (void) tag_ptr; (void) length;
    if (class_tag == TAG_CLASS) {
        ++*(jlong *) data;
    }
    return 0;
}

static jint JNICALL tag_any(jlong class_tag, jlong size, jlong *tag_ptr, jint length, void *data) {
    (void) class_tag; (void) size; (void) length;
    *tag_ptr = TAG_FOUND;
    ++*(jlong *) data;
    return 0;
}

static jint JNICALL tag_marked(jlong class_tag, jlong size, jlong *tag_ptr, jint length, void *data) {
    (void) size; (void) length;
    if (class_tag == TAG_CLASS) {
        *tag_ptr = TAG_FOUND;
        ++*(jlong *) data;
    }
    return 0;
}

/*
 * One walk per class is cheapest for a few classes (the VM skips other objects without a callback);
 * past that, one walk that checks each object's class tag wins.
 */
#define PER_CLASS_LIMIT 3

static jvmtiError walk(JNIEnv *env, jobjectArray classes, int tag, jlong *counter) {
    jvmtiHeapCallbacks callbacks;
    jint n = (*env)->GetArrayLength(env, classes);
    jvmtiError err = JVMTI_ERROR_NONE;
    jint i;
    memset(&callbacks, 0, sizeof callbacks);
    if (n <= PER_CLASS_LIMIT) {
        callbacks.heap_iteration_callback = tag ? tag_any : count_any;
        for (i = 0; i < n && err == JVMTI_ERROR_NONE; i++) {
            jclass c = (jclass) (*env)->GetObjectArrayElement(env, classes, i);
            err = (*jvmti)->IterateThroughHeap(jvmti, 0, c, &callbacks, counter);
            (*env)->DeleteLocalRef(env, c);
        }
        return err;
    }
    callbacks.heap_iteration_callback = tag ? tag_marked : count_marked;
    for (i = 0; i < n && err == JVMTI_ERROR_NONE; i++) {
        jclass c = (jclass) (*env)->GetObjectArrayElement(env, classes, i);
        err = (*jvmti)->SetTag(jvmti, c, TAG_CLASS);
        (*env)->DeleteLocalRef(env, c);
    }
    if (err == JVMTI_ERROR_NONE) {
        err = (*jvmti)->IterateThroughHeap(jvmti, 0, NULL, &callbacks, counter);
    }
    for (i = 0; i < n; i++) {
        jclass c = (jclass) (*env)->GetObjectArrayElement(env, classes, i);
        (*jvmti)->SetTag(jvmti, c, 0);
        (*env)->DeleteLocalRef(env, c);
    }
    return err;
}

JNIEXPORT jlong JNICALL Java_io_github_codefind_internal_heap_Jvmti_count0(JNIEnv *env, jclass cls,
        jobjectArray classes) {
    jlong count = 0;
    (void) cls;
    failed(env, walk(env, classes, 0, &count), "IterateThroughHeap");
    return count;
}

/* Fetches every object with one of the tags into a new Object[], and clears their tags. */
static jobjectArray take_tagged(JNIEnv *env, jint tag_count, const jlong *tags, jlong **tags_out,
        jint *count_out) {
    jint count = 0;
    jobject *objects = NULL;
    jlong *found_tags = NULL;
    jobjectArray result = NULL;
    jclass object_class;
    jint i;
    jvmtiError err = (*jvmti)->GetObjectsWithTags(jvmti, tag_count, tags, &count, &objects,
            tags_out ? &found_tags : NULL);
    if (failed(env, err, "GetObjectsWithTags")) {
        return NULL;
    }
    object_class = (*env)->FindClass(env, "java/lang/Object");
    if (object_class) {
        result = (*env)->NewObjectArray(env, count, object_class, NULL);
    }
    for (i = 0; i < count; i++) {
        (*jvmti)->SetTag(jvmti, objects[i], 0);
        if (result) {
            (*env)->SetObjectArrayElement(env, result, i, objects[i]);
        }
        (*env)->DeleteLocalRef(env, objects[i]);
    }
    deallocate(objects);
    if (tags_out) {
        *tags_out = found_tags;
    }
    if (count_out) {
        *count_out = count;
    }
    return result;
}

JNIEXPORT jobjectArray JNICALL Java_io_github_codefind_internal_heap_Jvmti_instances0(JNIEnv *env,
        jclass cls, jobjectArray classes) {
    jlong count = 0;
    jlong found = TAG_FOUND;
    jvmtiError err;
    jobjectArray result;
    (void) cls;
    err = walk(env, classes, 1, &count);
    /* Collect even after a failure, so that no tag survives the call. */
    result = take_tagged(env, 1, &found, NULL, NULL);
    if (failed(env, err, "IterateThroughHeap")) {
        return NULL;
    }
    return result;
}

/* ---- referrers ---- */

typedef struct {
    jint referent_index;   /* field index of Reference.referent, or -1 */
    jlong next_referrer;   /* referrers found so far */
    jlong *pairs;          /* (referrer tag, target index) pairs */
    jlong pair_count;
    jlong pair_capacity;
    int out_of_memory;
} referrer_walk;

static jint JNICALL find_referrers(jvmtiHeapReferenceKind kind, const jvmtiHeapReferenceInfo *info,
        jlong class_tag, jlong referrer_class_tag, jlong size, jlong *tag_ptr, jlong *referrer_tag_ptr,
        jint length, void *data) {
    referrer_walk *w = (referrer_walk *) data;
    jlong referrer;
    (void) class_tag; (void) size; (void) length;
    if (referrer_tag_ptr == NULL) {
        return JVMTI_VISIT_OBJECTS; /* a root: stacks, JNI handles, system classes */
    }
    if (kind == JVMTI_HEAP_REFERENCE_FIELD && referrer_class_tag == TAG_REFCLASS
            && info != NULL && info->field.index == w->referent_index) {
        return 0; /* Reference.referent is weak: neither report it nor follow it */
    }
    if (*referrer_tag_ptr == TAG_IGNORED) {
        if (length >= 0 && *tag_ptr == 0) {
            *tag_ptr = TAG_IGNORED; /* an ignored collection's backing array is ignored too */
        }
        return JVMTI_VISIT_OBJECTS;
    }
    if ((*tag_ptr & TAG_TARGET) == 0) {
        return JVMTI_VISIT_OBJECTS;
    }
    if (kind != JVMTI_HEAP_REFERENCE_FIELD && kind != JVMTI_HEAP_REFERENCE_ARRAY_ELEMENT
            && kind != JVMTI_HEAP_REFERENCE_STATIC_FIELD) {
        return JVMTI_VISIT_OBJECTS;
    }
    referrer = *referrer_tag_ptr;
    if (referrer == 0) {
        referrer = TAG_REFERRER | w->next_referrer++;
        *referrer_tag_ptr = referrer;
    } else if ((referrer & (TAG_TARGET | TAG_REFERRER)) == 0) {
        return JVMTI_VISIT_OBJECTS; /* a Reference class's static field; too rare to track */
    }
    if (w->pair_count + 2 > w->pair_capacity) {
        jlong capacity = w->pair_capacity ? w->pair_capacity * 2 : 1024;
        jlong *grown = (jlong *) realloc(w->pairs, (size_t) capacity * sizeof(jlong));
        if (grown == NULL) {
            w->out_of_memory = 1;
            return JVMTI_VISIT_ABORT;
        }
        w->pairs = grown;
        w->pair_capacity = capacity;
    }
    w->pairs[w->pair_count++] = referrer;
    w->pairs[w->pair_count++] = *tag_ptr & TAG_INDEX;
    return JVMTI_VISIT_OBJECTS;
}

static jint JNICALL find_referent_index(jvmtiHeapReferenceKind kind, const jvmtiHeapReferenceInfo *info,
        jlong class_tag, jlong referrer_class_tag, jlong size, jlong *tag_ptr, jlong *referrer_tag_ptr,
        jint length, void *data) {
    (void) class_tag; (void) referrer_class_tag; (void) size; (void) referrer_tag_ptr; (void) length;
    if (kind == JVMTI_HEAP_REFERENCE_FIELD && *tag_ptr == TAG_PROBE) {
        *(jint *) data = info->field.index;
    }
    return 0; /* report the probe's own references only */
}

JNIEXPORT jint JNICALL Java_io_github_codefind_internal_heap_Jvmti_referentIndex0(JNIEnv *env,
        jclass cls, jobject reference, jobject referent) {
    jvmtiHeapCallbacks callbacks;
    jint index = -1;
    jvmtiError err;
    (void) cls;
    memset(&callbacks, 0, sizeof callbacks);
    callbacks.heap_reference_callback = find_referent_index;
    err = (*jvmti)->SetTag(jvmti, referent, TAG_PROBE);
    if (err == JVMTI_ERROR_NONE) {
        err = (*jvmti)->FollowReferences(jvmti, 0, NULL, reference, &callbacks, &index);
    }
    (*jvmti)->SetTag(jvmti, referent, 0);
    failed(env, err, "FollowReferences");
    return index;
}

static void tag_each(JNIEnv *env, jobjectArray array, jlong base, int indexed) {
    jint n = array ? (*env)->GetArrayLength(env, array) : 0;
    jint i;
    for (i = 0; i < n; i++) {
        jobject o = (*env)->GetObjectArrayElement(env, array, i);
        if (o) {
            (*jvmti)->SetTag(jvmti, o, indexed ? base | i : base);
            (*env)->DeleteLocalRef(env, o);
        }
    }
}

/*
 * Returns {Object[] referrers, long[] pairs}: pairs holds (referrer, target) index pairs; a referrer
 * index below 0 means target number -index-1 is itself the referrer; Long.MAX_VALUE means the referrer
 * was collected between the walk and its retrieval.
 */
JNIEXPORT jobjectArray JNICALL Java_io_github_codefind_internal_heap_Jvmti_referrers0(JNIEnv *env,
        jclass cls, jobjectArray targets, jobjectArray ignored, jobjectArray reference_classes,
        jint referent_index) {
    referrer_walk w;
    jvmtiHeapCallbacks callbacks;
    jvmtiError err;
    jlong *tags = NULL;
    jlong *found_tags = NULL;
    jint found = 0;
    jobjectArray referrers = NULL;
    jobjectArray result = NULL;
    jlongArray pairs = NULL;
    jlong *referrer_slot = NULL;
    jlong i;
    (void) cls;
    memset(&w, 0, sizeof w);
    w.referent_index = referent_index;
    memset(&callbacks, 0, sizeof callbacks);
    callbacks.heap_reference_callback = find_referrers;

    tag_each(env, reference_classes, TAG_REFCLASS, 0);
    tag_each(env, ignored, TAG_IGNORED, 0);
    tag_each(env, targets, TAG_TARGET, 1);
    err = (*jvmti)->FollowReferences(jvmti, 0, NULL, NULL, &callbacks, &w);

    /* Fetch the referrers by tag (which also clears their tags), then clear everything else. */
    if (w.next_referrer > 0) {
        tags = (jlong *) malloc((size_t) w.next_referrer * sizeof(jlong));
        referrer_slot = (jlong *) malloc((size_t) w.next_referrer * sizeof(jlong));
        if (tags == NULL || referrer_slot == NULL) {
            w.out_of_memory = 1;
        } else {
            for (i = 0; i < w.next_referrer; i++) {
                tags[i] = TAG_REFERRER | i;
                referrer_slot[i] = -1; /* stays so for a referrer collected since the walk */
            }
            referrers = take_tagged(env, (jint) w.next_referrer, tags, &found_tags, &found);
        }
    }
    tag_each(env, targets, 0, 0);
    tag_each(env, reference_classes, 0, 0);
    {
        jlong ignored_tag = TAG_IGNORED; /* clears the arrays tagged during the walk as well */
        jobjectArray cleared = take_tagged(env, 1, &ignored_tag, NULL, NULL);
        if (cleared) {
            (*env)->DeleteLocalRef(env, cleared);
        }
    }

    if (!failed(env, err, "FollowReferences") && !(*env)->ExceptionCheck(env)) {
        if (w.out_of_memory) {
            jclass oom = (*env)->FindClass(env, "java/lang/OutOfMemoryError");
            if (oom) {
                (*env)->ThrowNew(env, oom, "codefind: no native memory for the referrer walk");
            }
        } else {
            jclass object_class = (*env)->FindClass(env, "java/lang/Object");
            if (referrers == NULL) {
                referrers = (*env)->NewObjectArray(env, 0, object_class, NULL);
            }
            /* Map each referrer tag to its slot in the array GetObjectsWithTags returned. */
            for (i = 0; referrer_slot && i < found; i++) {
                referrer_slot[found_tags[i] & TAG_INDEX] = i;
            }
            for (i = 0; i < w.pair_count; i += 2) {
                jlong r = w.pairs[i];
                jlong slot = referrer_slot ? referrer_slot[r & TAG_INDEX] : -1;
                w.pairs[i] = (r & TAG_TARGET) ? -(r & TAG_INDEX) - 1 : slot < 0 ? LLONG_MAX : slot;
            }
            pairs = (*env)->NewLongArray(env, (jsize) w.pair_count);
            if (pairs) {
                (*env)->SetLongArrayRegion(env, pairs, 0, (jsize) w.pair_count, w.pairs);
                result = (*env)->NewObjectArray(env, 2, object_class, NULL);
            }
            if (result) {
                (*env)->SetObjectArrayElement(env, result, 0, referrers);
                (*env)->SetObjectArrayElement(env, result, 1, pairs);
            }
        }
    }
    deallocate(found_tags);
    free(tags);
    free(referrer_slot);
    free(w.pairs);
    return result;
}

/* ---- redefinition ---- */

/*
 * Redefines all the classes in one RedefineClasses call: the JVM applies all or none. Returns null on
 * success, otherwise the JVMTI error name, for the Java side to explain.
 */
JNIEXPORT jstring JNICALL Java_io_github_codefind_internal_heap_Jvmti_redefine0(JNIEnv *env, jclass cls,
        jobjectArray classes, jobjectArray bytes) {
    jint n = (*env)->GetArrayLength(env, classes);
    jvmtiClassDefinition *defs = (jvmtiClassDefinition *) calloc((size_t) (n > 0 ? n : 1), sizeof *defs);
    jbyteArray *arrays = (jbyteArray *) calloc((size_t) (n > 0 ? n : 1), sizeof *arrays);
    jvmtiError err = JVMTI_ERROR_NONE;
    char *name = NULL;
    jstring result = NULL;
    jint i;
    (void) cls;
    if (defs == NULL || arrays == NULL) {
        free(defs);
        free(arrays);
        return (*env)->NewStringUTF(env, "JVMTI_ERROR_OUT_OF_MEMORY");
    }
    for (i = 0; i < n; i++) {
        arrays[i] = (jbyteArray) (*env)->GetObjectArrayElement(env, bytes, i);
        defs[i].klass = (jclass) (*env)->GetObjectArrayElement(env, classes, i);
        defs[i].class_byte_count = (*env)->GetArrayLength(env, arrays[i]);
        defs[i].class_bytes = (const unsigned char *) (*env)->GetByteArrayElements(env, arrays[i], NULL);
        if (defs[i].class_bytes == NULL) {
            err = JVMTI_ERROR_OUT_OF_MEMORY;
        }
    }
    if (err == JVMTI_ERROR_NONE) {
        err = (*jvmti)->RedefineClasses(jvmti, n, defs);
    }
    for (i = 0; i < n; i++) {
        if (defs[i].class_bytes) {
            (*env)->ReleaseByteArrayElements(env, arrays[i], (jbyte *) defs[i].class_bytes, JNI_ABORT);
        }
        (*env)->DeleteLocalRef(env, arrays[i]);
        (*env)->DeleteLocalRef(env, defs[i].klass);
    }
    free(defs);
    free(arrays);
    if (err != JVMTI_ERROR_NONE) {
        (*jvmti)->GetErrorName(jvmti, err, &name);
        result = (*env)->NewStringUTF(env, name ? name : "JVMTI_ERROR_INTERNAL");
        deallocate(name);
    }
    return result;
}

/* ---- redefinitions made by others ---- */

static jclass watcher_class;      /* global reference to the Java class told about redefinitions */
static jmethodID watcher_method;  /* its static void redefined(Class, byte[]) */
static jmethodID loading_method;  /* its static byte[] loading(ClassLoader, byte[]) */
static volatile jint rewrite_loads; /* set once a patch moved a member: class loads then go to Java */

/* Hands a class being loaded to Java, which may return new bytes for it. */
static void loading(jvmtiEnv *env, JNIEnv *jni, jobject loader, jint length, const unsigned char *data,
        jint *new_length, unsigned char **new_data) {
    jbyteArray bytes = (*jni)->NewByteArray(jni, length);
    jbyteArray result;
    jint size;
    if (bytes == NULL) {
        (*jni)->ExceptionClear(jni);
        return;
    }
    (*jni)->SetByteArrayRegion(jni, bytes, 0, length, (const jbyte *) data);
    result = (jbyteArray) (*jni)->CallStaticObjectMethod(jni, watcher_class, loading_method, loader, bytes);
    if ((*jni)->ExceptionCheck(jni)) {
        (*jni)->ExceptionClear(jni); /* the class then loads as it is */
        result = NULL;
    }
    if (result != NULL) {
        size = (*jni)->GetArrayLength(jni, result);
        if ((*env)->Allocate(env, (jlong) size, new_data) == JVMTI_ERROR_NONE) {
            (*jni)->GetByteArrayRegion(jni, result, 0, size, (jbyte *) *new_data);
            *new_length = size;
        }
        (*jni)->DeleteLocalRef(jni, result);
    }
    (*jni)->DeleteLocalRef(jni, bytes);
}

/*
 * ClassFileLoadHook: for a redefinition (class_being_redefined set), hands the new bytes to Java. Class
 * loading (no class being redefined) returns at once, unless a patch moved members: this is on every
 * class load's path.
 */
static void JNICALL on_class_file(jvmtiEnv *env, JNIEnv *jni, jclass class_being_redefined, jobject loader,
        const char *name, jobject protection_domain, jint length, const unsigned char *data,
        jint *new_length, unsigned char **new_data) {
    jbyteArray bytes;
    (void) name; (void) protection_domain;
    if (class_being_redefined == NULL) {
        if (rewrite_loads && loading_method != NULL) {
            loading(env, jni, loader, length, data, new_length, new_data);
        }
        return;
    }
    if (watcher_method == NULL) {
        return;
    }
    bytes = (*jni)->NewByteArray(jni, length);
    if (bytes == NULL) {
        (*jni)->ExceptionClear(jni);
        return;
    }
    (*jni)->SetByteArrayRegion(jni, bytes, 0, length, (const jbyte *) data);
    (*jni)->CallStaticVoidMethod(jni, watcher_class, watcher_method, class_being_redefined, bytes);
    if ((*jni)->ExceptionCheck(jni)) {
        (*jni)->ExceptionClear(jni); /* never let the watcher break someone else's redefinition */
    }
    (*jni)->DeleteLocalRef(jni, bytes);
}

JNIEXPORT jstring JNICALL Java_io_github_codefind_internal_heap_Jvmti_watchRedefinitions0(JNIEnv *env,
        jclass cls, jclass watcher) {
    jvmtiEventCallbacks callbacks;
    jvmtiError err;
    char *name = NULL;
    jstring result = NULL;
    (void) cls;
    watcher_method = (*env)->GetStaticMethodID(env, watcher, "redefined", "(Ljava/lang/Class;[B)V");
    if (watcher_method == NULL) {
        return NULL; /* NoSuchMethodError is pending */
    }
    loading_method = (*env)->GetStaticMethodID(env, watcher, "loading",
            "(Ljava/lang/ClassLoader;[B)[B");
    if (loading_method == NULL) {
        return NULL; /* NoSuchMethodError is pending */
    }
    watcher_class = (jclass) (*env)->NewGlobalRef(env, watcher);
    memset(&callbacks, 0, sizeof callbacks);
    callbacks.ClassFileLoadHook = on_class_file;
    err = (*jvmti)->SetEventCallbacks(jvmti, &callbacks, (jint) sizeof callbacks);
    if (err == JVMTI_ERROR_NONE) {
        err = (*jvmti)->SetEventNotificationMode(jvmti, JVMTI_ENABLE, JVMTI_EVENT_CLASS_FILE_LOAD_HOOK, NULL);
    }
    if (err != JVMTI_ERROR_NONE) {
        watcher_method = NULL;
        (*jvmti)->GetErrorName(jvmti, err, &name);
        result = (*env)->NewStringUTF(env, name ? name : "JVMTI_ERROR_INTERNAL");
        deallocate(name);
    }
    return result;
}

JNIEXPORT void JNICALL Java_io_github_codefind_internal_heap_Jvmti_rewriteLoads0(JNIEnv *env, jclass cls) {
    (void) env; (void) cls;
    rewrite_loads = 1;
}

/* java.lang.Class.classRedefinedCount, read through JNI, which no module boundary stops. */
JNIEXPORT jint JNICALL Java_io_github_codefind_internal_heap_Jvmti_redefinedCount0(JNIEnv *env, jclass cls,
        jclass type) {
    static jfieldID count;
    (void) cls;
    if (count == NULL) {
        jclass class_class = (*env)->FindClass(env, "java/lang/Class");
        count = class_class ? (*env)->GetFieldID(env, class_class, "classRedefinedCount", "I") : NULL;
        if (count == NULL) {
            return -1; /* NoSuchFieldError is pending */
        }
    }
    return (*env)->GetIntField(env, type, count);
}
