/* What reading the module state costs a call (ARCHITECTURE.md, *Per-module
 * state*): a METH_FASTCALL function that hands out a class object read from a
 * C global (rsbind before the module state), from the module's state through
 * `self` (module functions), through PyType_GetModuleState of an object's own
 * type (methods of a class without subclasses), and through
 * PyType_GetModuleByDef from an argument's type (a class with subclasses).
 * run.sh builds it against python3 and times them. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
typedef struct { PyObject *cls; } state;
static PyObject *global_cls;
static PyModuleDef def;
static PyObject *via_global(PyObject *self, PyObject *const *a, Py_ssize_t n) {
    (void)self; (void)a; (void)n; return Py_NewRef(global_cls);
}
static PyObject *via_module(PyObject *self, PyObject *const *a, Py_ssize_t n) {
    (void)a; (void)n; state *s = PyModule_GetState(self); return Py_NewRef(s->cls);
}
static PyObject *via_type(PyObject *self, PyObject *const *a, Py_ssize_t n) {
    /* a slot's way: the module from the object's type, by def */
    (void)self; (void)n;
    PyObject *m = PyType_GetModuleByDef(Py_TYPE(a[0]), &def);
    if (m == NULL) return NULL;
    state *s = PyModule_GetState(m); return Py_NewRef(s->cls);
}
static PyObject *via_own_type(PyObject *self, PyObject *const *a, Py_ssize_t n) {
    /* a method's way when the class has no subclasses */
    (void)self; (void)n;
    state *s = PyType_GetModuleState(Py_TYPE(a[0])); return Py_NewRef(s->cls);
}
static PyMethodDef methods[] = {
    {"via_global", (PyCFunction)(void(*)(void))via_global, METH_FASTCALL, NULL},
    {"via_module", (PyCFunction)(void(*)(void))via_module, METH_FASTCALL, NULL},
    {"via_type", (PyCFunction)(void(*)(void))via_type, METH_FASTCALL, NULL},
    {"via_own_type", (PyCFunction)(void(*)(void))via_own_type, METH_FASTCALL, NULL},
    {NULL, NULL, 0, NULL}};
static PyType_Slot slots[] = {{0, NULL}};
static PyType_Spec spec = {"msb.Obj", sizeof(PyObject), 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, slots};
static int exec(PyObject *m) {
    PyObject *t = PyType_FromModuleAndSpec(m, &spec, NULL);
    if (!t) return -1;
    ((state *)PyModule_GetState(m))->cls = t; global_cls = t;
    Py_INCREF(t);
    return PyModule_AddObject(m, "Obj", t);
}
static PyModuleDef_Slot mslots[] = {{Py_mod_exec, exec}, {0, NULL}};
static PyModuleDef def = {PyModuleDef_HEAD_INIT, "msb", NULL, sizeof(state), methods, mslots, NULL, NULL, NULL};
PyMODINIT_FUNC PyInit_msb(void) { return PyModuleDef_Init(&def); }
