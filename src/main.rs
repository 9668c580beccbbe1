//! Entry point of the browser app: everything happens in `jianpai_web::start`.

fn main() {
    jianpai_web::start();
}
