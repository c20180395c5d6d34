//! SSHSIG signing and verification (OpenSSH `ssh-keygen -Y` compatible).
