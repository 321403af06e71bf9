// The Cloudinary SDK picks http or https for its upload API once, when it is first loaded, from the
// upload_prefix in CLOUDINARY_URL. Imported before anything loads the SDK, this lets the test point it at a
// plain-http stand-in on loopback; the real prefix is set per app through CLOUDINARY_UPLOAD_PREFIX.
process.env.CLOUDINARY_URL = 'cloudinary://placeholder:placeholder@placeholder?upload_prefix=http://127.0.0.1';
