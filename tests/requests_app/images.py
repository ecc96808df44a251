"""Real images built with Pillow, with the metadata a phone writes into its photos."""

import io

from PIL import Image

GPS_IFD = 0x8825
ORIENTATION = 0x0112
MAKE, MODEL = 0x010F, 0x0110


def phone_exif(*, orientation: int = 1) -> Image.Exif:
    """EXIF as a phone writes it: make, model, orientation and the GPS position of the shot."""
    exif = Image.Exif()
    exif[MAKE], exif[MODEL], exif[ORIENTATION] = "Apple", "iPhone 13", orientation
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2], gps[3], gps[4] = "N", (47.0, 23.0, 12.5), "E", (0.0, 41.0, 3.2)
    return exif


def photo(image_format: str = "JPEG", *, size=(40, 20), orientation: int = 1, **options) -> bytes:
    """A picture whose left half is dark, so a rotation shows; with a phone's EXIF."""
    image = Image.new("RGB", size, (200, 200, 200))
    image.paste((20, 20, 20), (0, 0, size[0] // 2, size[1]))
    out = io.BytesIO()
    image.save(out, image_format, exif=phone_exif(orientation=orientation), **options)
    return out.getvalue()


def metadata_of(data: bytes) -> dict:
    """What a reader of the stored file would learn beside the pixels."""
    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        return {
            "format": image.format,
            "size": image.size,
            "exif": dict(exif),
            "gps": dict(exif.get_ifd(GPS_IFD)),
            "info_keys": set(image.info) - {"jfif", "jfif_version", "jfif_unit", "jfif_density", "dpi"},
            "left_pixel": image.convert("RGB").getpixel((0, 0)),
        }
