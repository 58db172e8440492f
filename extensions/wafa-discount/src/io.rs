//! stdin and stdout through WASI's `fd_read` and `fd_write` directly: std's buffered,
//! locked streams copied every byte once more (and zeroed the input buffer first), which
//! cost about 4 instructions per input byte (0019).

#[repr(C)]
struct IoVec {
    buf: *const u8,
    len: usize,
}

#[link(wasm_import_module = "wasi_snapshot_preview1")]
extern "C" {
    fn fd_read(fd: u32, iovs: *const IoVec, iovs_len: usize, nread: *mut usize) -> i32;
    fn fd_write(fd: u32, iovs: *const IoVec, iovs_len: usize, nwritten: *mut usize) -> i32;
}

/// All of stdin.
pub fn read_stdin() -> Vec<u8> {
    let mut bytes: Vec<u8> = Vec::with_capacity(64 * 1024);
    loop {
        if bytes.capacity() == bytes.len() {
            bytes.reserve(bytes.len());
        }
        let spare = bytes.capacity() - bytes.len();
        let iov = IoVec { buf: unsafe { bytes.as_mut_ptr().add(bytes.len()) }, len: spare };
        let mut read = 0;
        // SAFETY: the buffer is the Vec's spare capacity; the host writes at most `spare` bytes.
        if unsafe { fd_read(0, &iov, 1, &mut read) } != 0 || read > spare {
            crate::json::fail("cannot read stdin");
        }
        if read == 0 {
            return bytes;
        }
        // SAFETY: the host initialised `read` more bytes.
        unsafe { bytes.set_len(bytes.len() + read) };
    }
}

/// Writes all of `bytes` to a file descriptor (1, stdout; 2, stderr); false if it cannot.
pub fn write_all(fd: u32, mut bytes: &[u8]) -> bool {
    while !bytes.is_empty() {
        let iov = IoVec { buf: bytes.as_ptr(), len: bytes.len() };
        let mut written = 0;
        // SAFETY: the host reads `len` bytes of a live slice.
        if unsafe { fd_write(fd, &iov, 1, &mut written) } != 0 || written == 0 || written > bytes.len() {
            return false;
        }
        bytes = &bytes[written..];
    }
    true
}
