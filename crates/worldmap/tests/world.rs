//! The committed asset: decoding, hit testing, framing, pixel paths; hostile input.

use worldmap::{DecodeError, Viewport, World};

const ASSET: &[u8] = include_bytes!("../../../data/world.json");

fn world() -> World {
    World::decode(ASSET).expect("data/world.json decodes")
}

#[test]
fn asset_is_compact_and_complete() {
    assert!(
        ASSET.len() < 150_000,
        "data/world.json is {} bytes",
        ASSET.len()
    );
    let w = world();
    assert!(
        w.countries().len() > 170,
        "{} countries",
        w.countries().len()
    );
    for code in [
        "FR", "NO", "XK", "US", "RU", "CN", "BR", "AU", "IN", "ZA", "LS", "CY", "SO", "FJ",
    ] {
        assert!(w.country(code).is_some(), "{code} missing");
    }
    // Natural Earth's -99 features: France and Norway by name; N. Cyprus and Somaliland merged.
    assert_eq!(w.country("fr").unwrap().name(), "France");
    assert_eq!(w.country("NO").unwrap().name(), "Norway");
    assert_eq!(w.country("CY").unwrap().name(), "Cyprus");
    assert_eq!(w.country("SO").unwrap().name(), "Somalia");
    // Antarctica is dropped.
    assert!(w.country("AQ").is_none());
    assert!(w.bounds().min_y > worldmap::equal_earth(0.0, -60.0).y);
    // Sorted by code, every ring has at least three points, no antimeridian jumps.
    let codes: Vec<&str> = w.countries().iter().map(|c| c.code()).collect();
    assert!(codes.windows(2).all(|p| p[0] < p[1]));
    for c in w.countries() {
        for r in c.rings() {
            assert!(r.points().len() >= 3);
            assert!(
                r.bounds().width() < 4.0,
                "{} has a ring spanning the map",
                c.code()
            );
        }
    }
}

#[test]
fn hit_test_finds_countries_at_cities() {
    let w = world();
    for (w_px, h_px) in [(1200.0, 600.0), (640.0, 480.0), (3000.0, 1200.0)] {
        let view = w.world_viewport(w_px, h_px, 8.0);
        for (lon, lat, code) in [
            (2.35, 48.86, "FR"),    // Paris
            (13.40, 52.52, "DE"),   // Berlin
            (-98.0, 38.5, "US"),    // Kansas
            (-47.88, -15.79, "BR"), // Brasília
            (133.88, -23.70, "AU"), // Alice Springs
            (10.75, 59.91, "NO"),   // Oslo
            (37.62, 55.75, "RU"),   // Moscow
            (28.0, -26.2, "ZA"),    // Johannesburg
            (28.2, -29.5, "LS"),    // Lesotho, a hole in South Africa
            (21.17, 42.67, "XK"),   // Pristina
            (33.4, 35.3, "CY"),     // Kyrenia, in the north of the island
            (44.07, 9.56, "SO"),    // Hargeisa (Somaliland)
            (-149.9, 61.2, "US"),   // Anchorage
            (178.0, -17.8, "FJ"),   // Viti Levu
        ] {
            let (px, py) = view.project(lon, lat);
            assert_eq!(
                w.code_at_pixel(&view, px, py),
                Some(code),
                "({lon}, {lat}) on {w_px}x{h_px}"
            );
        }
        for (lon, lat) in [(-40.0, 30.0), (-30.0, 0.0), (-160.0, 0.0), (80.0, -30.0)] {
            let (px, py) = view.project(lon, lat);
            assert_eq!(
                w.code_at_pixel(&view, px, py),
                None,
                "({lon}, {lat}) is sea"
            );
        }
        // Off the canvas and off the globe.
        assert_eq!(w.code_at_pixel(&view, -50.0, -50.0), None);
        assert_eq!(w.code_at_pixel(&view, f64::NAN, 10.0), None);
    }
}

#[test]
fn hit_test_works_zoomed_in() {
    let w = world();
    let view = w.country_viewport("FR", 800.0, 600.0, 20.0).unwrap();
    let (px, py) = view.project(2.35, 48.86);
    assert_eq!(w.code_at_pixel(&view, px, py), Some("FR"));
    let (px, py) = view.project(13.40, 52.52);
    assert_eq!(w.code_at_pixel(&view, px, py), Some("DE"));
}

#[track_caller]
fn assert_framed(view: &Viewport, frame: worldmap::Bounds, pad: f64, what: &str) {
    let (x0, y0) = view.to_pixel(worldmap::Point::new(frame.min_x, frame.max_y));
    let (x1, y1) = view.to_pixel(worldmap::Point::new(frame.max_x, frame.min_y));
    let eps = 1e-6;
    assert!(
        x0 >= pad - eps
            && y0 >= pad - eps
            && x1 <= view.width() - pad + eps
            && y1 <= view.height() - pad + eps,
        "{what}: frame at ({x0}, {y0})-({x1}, {y1}) on {}x{} with padding {pad}",
        view.width(),
        view.height()
    );
    // Centred, and as large as the padding allows (touching it on one axis), unless the frame was
    // widened to the minimum span.
    assert!(((x0 + x1) / 2.0 - view.width() / 2.0).abs() < 1e-6);
    assert!(((y0 + y1) / 2.0 - view.height() / 2.0).abs() < 1e-6);
    if frame.width() >= worldmap::MIN_FRAME_SPAN && frame.height() >= worldmap::MIN_FRAME_SPAN {
        let touches_x = (x0 - pad).abs() < 1e-6;
        let touches_y = (y0 - pad).abs() < 1e-6;
        assert!(touches_x || touches_y, "{what}: not fitted");
    }
}

#[test]
fn zoom_frames_every_country_with_padding() {
    let w = world();
    for (cw, ch, pad) in [
        (800.0, 600.0, 24.0),
        (1200.0, 400.0, 10.0),
        (300.0, 900.0, 0.0),
    ] {
        for c in w.countries() {
            let view = w.country_viewport(c.code(), cw, ch, pad).unwrap();
            assert_framed(&view, c.frame(), pad, c.code());
        }
        let home = w.world_viewport(cw, ch, pad);
        assert_framed(&home, w.bounds(), pad, "world");
        assert!(w.country_viewport("ZZ", cw, ch, pad).is_none());
    }
}

#[track_caller]
fn assert_on_canvas(view: &Viewport, lon: f64, lat: f64, pad: f64, expected: bool) {
    let (x, y) = view.project(lon, lat);
    let inside =
        (pad..=view.width() - pad).contains(&x) && (pad..=view.height() - pad).contains(&y);
    assert_eq!(inside, expected, "({lon}, {lat}) at ({x}, {y})");
}

#[test]
fn zoom_frames_the_main_territory() {
    let w = world();
    let pad = 20.0;
    // France: Paris, Brest, Nice and Corsica in view; French Guiana (a ring of FR) is not.
    let view = w.country_viewport("FR", 800.0, 600.0, pad).unwrap();
    for (lon, lat) in [(2.35, 48.86), (-4.49, 48.39), (7.26, 43.70), (9.1, 42.1)] {
        assert_on_canvas(&view, lon, lat, pad, true);
    }
    assert_on_canvas(&view, -53.0, 4.0, pad, false);
    let guiana = worldmap::equal_earth(-53.0, 4.0);
    assert!(w.country("FR").unwrap().bounds().contains(guiana));
    assert_eq!(w.country_at(guiana).map(|c| c.code()), Some("FR"));
    // France fills the frame: about as large as the canvas allows.
    assert!(view.scale() > 5.0 * w.world_viewport(800.0, 600.0, pad).scale());

    // The United States: whole, Alaska and Hawaii included.
    let us = w.country("US").unwrap();
    assert_eq!(us.frame(), us.bounds());
    let view = w.country_viewport("US", 1000.0, 500.0, pad).unwrap();
    for (lon, lat) in [
        (-149.9, 61.2),
        (-74.0, 40.7),
        (-80.2, 25.8),
        (-122.4, 37.8),
        (-157.8, 21.3),
    ] {
        assert_on_canvas(&view, lon, lat, pad, true);
    }
    // Norway with Svalbard.
    let view = w.country_viewport("NO", 600.0, 600.0, pad).unwrap();
    for (lon, lat) in [(10.75, 59.91), (15.6, 78.2)] {
        assert_on_canvas(&view, lon, lat, pad, true);
    }
}

#[test]
fn antimeridian_countries_are_framed_on_their_main_side() {
    let w = world();
    let ru = w.country("RU").unwrap();
    // The whole of Russia reaches from one edge of the map to the other...
    assert!(ru.bounds().min_x < -1.5 && ru.bounds().max_x > 1.5);
    // ...its frame is the Eurasian side only, from Kaliningrad (~20°E) to 180°.
    let f = ru.frame();
    let at55 = |lon: f64| worldmap::equal_earth(lon, 55.0).x;
    assert!(f.min_x > at55(15.0) && f.min_x < at55(22.0), "{f:?}");
    assert!(f.max_x <= worldmap::equal_earth(180.0, 0.0).x);
    let view = w.country_viewport("RU", 1000.0, 500.0, 20.0).unwrap();
    for (lon, lat) in [(37.62, 55.75), (20.5, 54.7), (158.6, 53.0), (179.0, 68.0)] {
        assert_on_canvas(&view, lon, lat, 20.0, true);
    }

    let fj = w.country("FJ").unwrap();
    assert!(fj.bounds().width() > 4.0);
    assert!(fj.frame().width() < 0.1 && fj.frame().min_x > 0.0);
}

#[test]
fn pixel_rings_draw_the_map() {
    let w = world();
    let view = w.world_viewport(1200.0, 600.0, 8.0);
    let order: Vec<&str> = w.paint_order().map(|c| c.code()).collect();
    assert_eq!(order.len(), w.countries().len());
    // South Africa (with Lesotho as a hole) is painted before Lesotho.
    let za = order.iter().position(|&c| c == "ZA").unwrap();
    let ls = order.iter().position(|&c| c == "LS").unwrap();
    assert!(za < ls);
    let fr = w.country("FR").unwrap().pixel_rings(&view);
    assert!(!fr.is_empty());
    for ring in &fr {
        assert!(ring.points.len() >= 3);
        assert!(ring.points.windows(2).all(|p| p[0] != p[1]));
        for &(x, y) in &ring.points {
            assert!((0..=1200).contains(&x) && (0..=600).contains(&y));
        }
    }
    assert!(w
        .country("ZA")
        .unwrap()
        .pixel_rings(&view)
        .iter()
        .any(|r| r.hole));
    // Zoomed on France, rings on the other side of the world are culled.
    let zoom = w.country_viewport("FR", 800.0, 600.0, 24.0).unwrap();
    assert!(w.country("AU").unwrap().pixel_rings(&zoom).is_empty());
    assert!(!w.country("FR").unwrap().pixel_rings(&zoom).is_empty());
}

#[test]
fn truncated_asset_is_an_error_not_a_panic() {
    // Every prefix of the first 4 KB and a spread of longer ones.
    let mut cuts: Vec<usize> = (0..4096.min(ASSET.len())).collect();
    cuts.extend((4096..ASSET.len()).step_by(997));
    for n in cuts {
        assert!(
            World::decode(&ASSET[..n]).is_err(),
            "prefix of {n} bytes decoded"
        );
    }
}

#[test]
fn garbage_is_an_error_not_a_panic() {
    let nested = "[".repeat(10_000);
    let cases: Vec<Vec<u8>> = vec![
        vec![],
        b"\xff\xfe\x00garbage".to_vec(),
        b"null".to_vec(),
        b"{}".to_vec(),
        nested.into_bytes(),
        br#"{"format":"topojson","version":1}"#.to_vec(),
        br#"{"format":"pi-worldmap","version":2,"scale":100,"countries":[]}"#.to_vec(),
        br#"{"format":"pi-worldmap","version":1,"scale":100,"countries":[]}"#.to_vec(),
        br#"{"format":"pi-worldmap","version":1,"scale":0,"countries":[{"iso2":"FR","name":"x","polygons":[[[0,0,1,0,0,1]]]}]}"#.to_vec(),
        br#"{"format":"pi-worldmap","version":1,"scale":100,"countries":[{"iso2":"fr","name":"x","polygons":[[[0,0,1,0,0,1]]]}]}"#.to_vec(),
        br#"{"format":"pi-worldmap","version":1,"scale":100,"countries":[{"iso2":"FRA","name":"x","polygons":[[[0,0,1,0,0,1]]]}]}"#.to_vec(),
        br#"{"format":"pi-worldmap","version":1,"scale":100,"countries":[{"iso2":"FR","name":"x","polygons":[]}]}"#.to_vec(),
        br#"{"format":"pi-worldmap","version":1,"scale":100,"countries":[{"iso2":"FR","name":"x","polygons":[[]]}]}"#.to_vec(),
        br#"{"format":"pi-worldmap","version":1,"scale":100,"countries":[{"iso2":"FR","name":"x","polygons":[[[0,0,1,0]]]}]}"#.to_vec(),
        br#"{"format":"pi-worldmap","version":1,"scale":100,"countries":[{"iso2":"FR","name":"x","polygons":[[[0,0,1,0,0]]]}]}"#.to_vec(),
        br#"{"format":"pi-worldmap","version":1,"scale":100,"countries":[{"iso2":"FR","name":"x","polygons":[[[18001,0,1,0,0,1]]]}]}"#.to_vec(),
        br#"{"format":"pi-worldmap","version":1,"scale":100,"countries":[{"iso2":"FR","name":"x","polygons":[[[0,9000,0,1,1,0]]]}]}"#.to_vec(),
        br#"{"format":"pi-worldmap","version":1,"scale":100,"countries":[{"iso2":"FR","name":"x","polygons":[[[-9223372036854775808,0,1,0,0,1]]]}]}"#.to_vec(),
        br#"{"format":"pi-worldmap","version":1,"scale":100,"countries":[{"iso2":"FR","name":"x","polygons":[[[0,0,9223372036854775807,0,9223372036854775807,1]]]}]}"#.to_vec(),
        br#"{"format":"pi-worldmap","version":1,"scale":100,"countries":[{"iso2":"FR","name":"x","polygons":[[[0,0,1.5,0,0,1]]]}]}"#.to_vec(),
        br#"{"format":"pi-worldmap","version":1,"scale":100,"countries":[{"iso2":"FR","name":"x","polygons":[[[0,0,1,0,0,1]]]},{"iso2":"FR","name":"y","polygons":[[[0,0,1,0,0,1]]]}]}"#.to_vec(),
    ];
    for bytes in cases {
        let r = World::decode(&bytes);
        assert!(r.is_err(), "{:?} decoded", String::from_utf8_lossy(&bytes));
        assert!(!r.unwrap_err().to_string().is_empty());
    }
    // Flipping bytes of the real asset never panics (it may still decode).
    let mut bytes = ASSET.to_vec();
    for i in (0..bytes.len()).step_by(1013) {
        let old = bytes[i];
        bytes[i] = b'9';
        let _ = World::decode(&bytes);
        bytes[i] = b'}';
        let _ = World::decode(&bytes);
        bytes[i] = old;
    }
}

#[test]
fn error_kinds_are_distinguishable() {
    assert!(matches!(World::decode(b"{"), Err(DecodeError::Json(_))));
    assert!(matches!(
        World::decode(br#"{"format":"pi-worldmap","version":9}"#),
        Err(DecodeError::Unsupported { version: 9, .. })
    ));
    assert!(matches!(
        World::decode(br#"{"format":"pi-worldmap","version":1,"scale":100,"countries":[]}"#),
        Err(DecodeError::Invalid(_))
    ));
}

#[test]
fn a_minimal_asset_decodes() {
    // A 1° square around (0, 0) for "ZZ", a triangle for "AA": sorted on decode.
    let bytes = br#"{"format":"pi-worldmap","version":1,"scale":100,"countries":[
        {"iso2":"ZZ","name":"Square","polygons":[[[-50,-50,100,0,0,100,-100,0]]]},
        {"iso2":"AA","name":"Triangle","polygons":[[[1000,1000,100,0,0,100]]]}]}"#;
    let w = World::decode(bytes).unwrap();
    assert_eq!(w.countries()[0].code(), "AA");
    let v = Viewport::fit(w.country("ZZ").unwrap().bounds(), 100.0, 100.0, 10.0);
    let (px, py) = v.project(0.0, 0.0);
    assert_eq!(w.code_at_pixel(&v, px, py), Some("ZZ"));
    let (px, py) = v.project(0.6, 0.0);
    assert_eq!(w.code_at_pixel(&v, px, py), None);
}
