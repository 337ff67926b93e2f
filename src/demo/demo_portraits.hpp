// The demo's illustrated portraits: a friendly head-and-shoulders avatar per person, drawn from
// signed distances and a palette chosen by a hash of the employee id.
// Layer: demo. Pure: pixels in memory, no I/O.
#pragma once

#include "core/model/model.hpp"
#include "core/photos/photo.hpp"

namespace wof::core {

// A friendly illustrated head-and-shoulders avatar, `size` pixels square, opaque, antialiased.
// Skin tone, hair, clothes, glasses and background follow from a hash of the employee's id, so
// a person always gets the same picture. Throws std::invalid_argument unless 1 <= size <= 4096.
Rgba renderDemoPortrait(const Employee& employee, int size);

}  // namespace wof::core
