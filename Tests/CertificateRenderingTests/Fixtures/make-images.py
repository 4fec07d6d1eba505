#!/usr/bin/env python3
"""Draws the test logo and signature with the system's libcairo (through ctypes): no downloaded art."""
import ctypes
import math

cairo = ctypes.CDLL("libcairo.so.2")
cairo.cairo_image_surface_create.restype = ctypes.c_void_p
cairo.cairo_create.restype = ctypes.c_void_p
cairo.cairo_create.argtypes = [ctypes.c_void_p]
for name in ["cairo_set_source_rgba", "cairo_set_source_rgb"]:
    getattr(cairo, name).argtypes = [ctypes.c_void_p] + [ctypes.c_double] * (4 if "rgba" in name else 3)
for name in ["cairo_move_to", "cairo_line_to", "cairo_rel_line_to", "cairo_translate"]:
    getattr(cairo, name).argtypes = [ctypes.c_void_p, ctypes.c_double, ctypes.c_double]
cairo.cairo_curve_to.argtypes = [ctypes.c_void_p] + [ctypes.c_double] * 6
cairo.cairo_arc.argtypes = [ctypes.c_void_p] + [ctypes.c_double] * 5
cairo.cairo_set_line_width.argtypes = [ctypes.c_void_p, ctypes.c_double]
cairo.cairo_set_font_size.argtypes = [ctypes.c_void_p, ctypes.c_double]
for name in ["cairo_fill", "cairo_stroke", "cairo_destroy", "cairo_close_path", "cairo_new_path"]:
    getattr(cairo, name).argtypes = [ctypes.c_void_p]
cairo.cairo_select_font_face.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_int]
cairo.cairo_show_text.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
cairo.cairo_surface_write_to_png.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
cairo.cairo_surface_destroy.argtypes = [ctypes.c_void_p]
cairo.cairo_set_line_cap.argtypes = [ctypes.c_void_p, ctypes.c_int]
ARGB32 = 0


def logo():
    surface = cairo.cairo_image_surface_create(ARGB32, 600, 160)
    cr = cairo.cairo_create(surface)
    # A shield with a check mark, then the organisation's word mark.
    cairo.cairo_set_source_rgb(cr, 0.12, 0.23, 0.37)
    cairo.cairo_move_to(cr, 20, 20)
    cairo.cairo_line_to(cr, 130, 20)
    cairo.cairo_line_to(cr, 130, 80)
    cairo.cairo_curve_to(cr, 130, 120, 100, 140, 75, 150)
    cairo.cairo_curve_to(cr, 50, 140, 20, 120, 20, 80)
    cairo.cairo_close_path(cr)
    cairo.cairo_fill(cr)
    cairo.cairo_set_source_rgb(cr, 0.69, 0.55, 0.34)
    cairo.cairo_set_line_width(cr, 12)
    cairo.cairo_set_line_cap(cr, 1)
    cairo.cairo_move_to(cr, 48, 80)
    cairo.cairo_line_to(cr, 70, 104)
    cairo.cairo_line_to(cr, 104, 54)
    cairo.cairo_stroke(cr)
    cairo.cairo_set_source_rgb(cr, 0.12, 0.23, 0.37)
    cairo.cairo_select_font_face(cr, b"DejaVu Sans", 0, 1)
    cairo.cairo_set_font_size(cr, 58)
    cairo.cairo_move_to(cr, 160, 108)
    cairo.cairo_show_text(cr, b"NORTHWIND")
    cairo.cairo_destroy(cr)
    cairo.cairo_surface_write_to_png(surface, b"logo.png")
    cairo.cairo_surface_destroy(surface)


def signature():
    surface = cairo.cairo_image_surface_create(ARGB32, 480, 140)
    cr = cairo.cairo_create(surface)
    cairo.cairo_set_source_rgba(cr, 0.08, 0.12, 0.35, 1)
    cairo.cairo_set_line_width(cr, 4)
    cairo.cairo_set_line_cap(cr, 1)
    # A flowing pen stroke: a sum of sines that loops like handwriting.
    for step in range(0, 401):
        t = step / 400
        x = 30 + 400 * t + 22 * math.sin(t * 38)
        y = 80 - 34 * math.sin(t * 19) * math.exp(-1.2 * t) - 10 * math.cos(t * 38)
        (cairo.cairo_move_to if step == 0 else cairo.cairo_line_to)(cr, x, y)
    cairo.cairo_stroke(cr)
    cairo.cairo_move_to(cr, 60, 118)
    cairo.cairo_curve_to(cr, 180, 102, 300, 126, 440, 104)
    cairo.cairo_stroke(cr)
    cairo.cairo_destroy(cr)
    cairo.cairo_surface_write_to_png(surface, b"signature.png")
    cairo.cairo_surface_destroy(surface)


logo()
signature()
