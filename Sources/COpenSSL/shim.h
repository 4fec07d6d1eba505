#ifndef ATTEST_COPENSSL_SHIM_H
#define ATTEST_COPENSSL_SHIM_H

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <openssl/bio.h>
#include <openssl/x509.h>

/* BIO_get_mem_data is a macro; Swift cannot call it directly. */
static inline long attest_BIO_get_mem_data(BIO *bio, char **data) {
    return BIO_get_mem_data(bio, data);
}

/* BIO_set_mem_eof_return is a macro. A memory BIO we filled must report end of data (0), not
   "retry later" (-1), or the PEM reader treats the end of the text as a transient condition. */
static inline long attest_BIO_set_mem_eof_return(BIO *bio, long value) {
    return BIO_set_mem_eof_return(bio, value);
}

#endif
