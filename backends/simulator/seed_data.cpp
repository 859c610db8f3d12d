// Built-in catalogue and demo dossiers. The texts are the simulated agency's, in Vietnamese.
#include "backends/simulator/seed_data.hpp"

#include "backends/simulator/lifecycle.hpp"

namespace gw::backends::sim {
namespace {

// The shape of config/catalog/procedures.json that routing::Catalog::MergeFromBackend takes: each
// entry names a known procedure by slug and replaces the keys it sends.
constexpr const char* kCatalog = R"json({
  "version": "sim-000.00.12.H29-2024.10",
  "procedures": [
    {
      "slug": "khai_sinh",
      "code": "1.001193",
      "name": {"vi": "Đăng ký khai sinh", "en": "Birth registration"},
      "online": {"level": "toan_trinh"},
      "fees": [{"label": "Lệ phí đăng ký khai sinh đúng hạn", "amount_vnd": 0}],
      "time": {"working_days": 0, "note": "Giải quyết ngay trong ngày; hồ sơ nhận sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo."}
    },
    {
      "slug": "ket_hon",
      "code": "1.000894",
      "name": {"vi": "Đăng ký kết hôn", "en": "Marriage registration"},
      "online": {"level": "mot_phan", "in_person": [{"what": "Hai bên nam, nữ cùng có mặt để ký và nhận Giấy chứng nhận kết hôn", "where": "Bộ phận Một cửa của UBND xã"}]},
      "fees": [{"label": "Lệ phí đăng ký kết hôn", "amount_vnd": 0}],
      "time": {"working_days": 0, "note": "Giải quyết ngay trong ngày; cần xác minh thì không quá 05 ngày làm việc."}
    },
    {
      "slug": "thuong_tru",
      "code": "1.004222",
      "name": {"vi": "Đăng ký thường trú", "en": "Permanent residence registration"},
      "online": {"level": "toan_trinh"},
      "fees": [{"label": "Lệ phí đăng ký thường trú (nộp trực tuyến)", "amount_vnd": 10000}],
      "time": {"working_days": 7}
    },
    {
      "slug": "chung_thuc",
      "code": "2.000815",
      "name": {"vi": "Chứng thực bản sao từ bản chính giấy tờ, văn bản", "en": "Certified copies"},
      "online": {"level": "mot_phan", "in_person": [{"what": "Xuất trình bản chính giấy tờ để đối chiếu", "where": "Bộ phận Một cửa của UBND xã"}]},
      "fees": [{"label": "Chứng thực bản sao từ bản chính", "amount_vnd": 2000, "text": "2.000 đồng/trang"}],
      "time": {"working_days": 0, "note": "Trong ngày; yêu cầu nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo."}
    },
    {
      "slug": "xac_nhan_hon_nhan",
      "code": "1.004873",
      "name": {"vi": "Cấp Giấy xác nhận tình trạng hôn nhân", "en": "Certificate of marital status"},
      "online": {"level": "toan_trinh"},
      "fees": [{"label": "Lệ phí cấp Giấy xác nhận tình trạng hôn nhân", "amount_vnd": 0}],
      "time": {"working_days": 3}
    }
  ]
})json";

core::TimePoint Local(int y, unsigned m, unsigned d, int h, int min) {
  using namespace std::chrono;
  auto t = sys_days(year(y) / month(m) / day(d)) + hours(h) + minutes(min) - hours(7);
  return core::TimePoint(duration_cast<core::TimePoint::duration>(t.time_since_epoch()));
}

SimDossier Dossier(std::string code, std::string procedure, core::TimePoint received,
                   int working_days, Applicant applicant, std::string citizen_ref) {
  SimDossier d;
  d.request.procedure_code = procedure;
  d.request.agency_code = kDemoUnitCode;
  d.request.applicant = std::move(applicant);
  d.request.channel = "app";
  d.request.citizen_ref = std::move(citizen_ref);
  d.view.dossier_code = std::move(code);
  d.view.procedure_code = std::move(procedure);
  d.view.agency_code = kDemoUnitCode;
  d.view.received_at = received;
  d.view.due_at = DueDate(received, working_days);
  d.view.history.push_back(
      {DossierState::kReceived, received, "Tiếp nhận hồ sơ trực tuyến", "Bộ phận Một cửa"});
  return d;
}

void Step(SimDossier& d, DossierState s, core::TimePoint at, std::string note, std::string unit,
          std::string reason = {}) {
  d.view.status = s;
  d.view.reason = reason;
  d.view.history.push_back({s, at, std::move(note), std::move(unit)});
}

}  // namespace

std::string DefaultCatalogJson() {
  return kCatalog;
}

std::vector<SimDossier> DemoDossiers() {
  std::vector<SimDossier> out;
  const std::string police = "Công an xã";
  const std::string justice = "Công chức Tư pháp - Hộ tịch";

  auto a = Dossier("000.00.12.H29-241023-0001", "1.004222", Local(2024, 10, 23, 8, 15), 7,
                   {"Nguyễn Văn An", "001090000001", "0912000001", ""}, "demo-citizen-1");
  Step(a, DossierState::kProcessing, Local(2024, 10, 23, 9, 30), "Chuyển xử lý", police);
  out.push_back(std::move(a));

  auto b =
      Dossier("000.00.12.H29-241023-0002", "1.004222", Local(2024, 10, 23, 10, 5), 7,
              {"Trần Thị Bình", "001190000002", "0912000002", "binh@example.vn"}, "demo-citizen-2");
  Step(b, DossierState::kProcessing, Local(2024, 10, 23, 14, 0), "Chuyển xử lý", police);
  Step(b, DossierState::kSupplementRequired, Local(2024, 10, 24, 9, 0),
       "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", police,
       "Thiếu giấy tờ chứng minh chỗ ở hợp pháp");
  out.push_back(std::move(b));

  auto c = Dossier("000.00.12.H29-241021-0001", "1.001193", Local(2024, 10, 21, 8, 40), 0,
                   {"Lê Văn Cường", "001085000003", "0912000003", ""}, "demo-citizen-3");
  Step(c, DossierState::kProcessing, Local(2024, 10, 21, 9, 0), "Chuyển xử lý", justice);
  Step(c, DossierState::kResultReady, Local(2024, 10, 21, 15, 30), "Đã có kết quả", justice);
  c.view.result = DefaultResult("Đăng ký khai sinh");
  out.push_back(std::move(c));

  auto d = Dossier("000.00.12.H29-241022-0001", "1.000894", Local(2024, 10, 22, 8, 0), 0,
                   {"Phạm Thị Dung", "001195000004", "0912000004", ""}, "demo-citizen-4");
  Step(d, DossierState::kProcessing, Local(2024, 10, 22, 8, 30), "Chuyển xử lý", justice);
  Step(d, DossierState::kDelayed, Local(2024, 10, 22, 11, 0),
       "Phiếu xin lỗi và hẹn lại ngày trả kết quả", justice,
       "Cần xác minh thêm thông tin về tình trạng hôn nhân tại nơi cư trú trước đây");
  d.view.new_due_at = AddWorkingDays(*d.view.due_at, 5);
  out.push_back(std::move(d));
  return out;
}

}  // namespace gw::backends::sim
