# Exports the quality benchmark's real datasets from R packages Debian ships, to plain CSV files:
#   apt-get install -y r-base-core r-cran-mlbench r-cran-modeldata
#   Rscript bench/quality-data/export.R      (from the repository root; rewrites bench/quality-data/*.csv)
# Every file: a header, numeric feature columns, then the label: `class` (0-based integer) for
# classification or `target` for regression. Rows with missing values are dropped; factor features
# become their integer codes (ordered factors keep their order); large sets are subsampled with a fixed
# seed to keep the repository small. Values are written with 6 significant digits.
suppressPackageStartupMessages({
  library(mlbench)
  library(modeldata)
})
out <- "bench/quality-data"

write_set <- function(name, df, label, task, max_rows = 2000) {
  df <- as.data.frame(df)
  y <- df[[label]]
  x <- df[, setdiff(names(df), label), drop = FALSE]
  x[] <- lapply(x, function(col) if (is.factor(col) || is.logical(col)) as.numeric(col) else as.numeric(col))
  keep <- complete.cases(x) & !is.na(y)
  x <- x[keep, , drop = FALSE]
  y <- y[keep]
  x <- x[, vapply(x, function(col) length(unique(col)) > 1, logical(1)), drop = FALSE]
  if (task == "classification") {
    y <- as.integer(factor(y)) - 1L
  } else {
    y <- as.numeric(y)
  }
  if (nrow(x) > max_rows) {
    set.seed(20261206)
    rows <- sort(sample(nrow(x), max_rows))
    x <- x[rows, , drop = FALSE]
    y <- y[rows]
  }
  names(x) <- make.names(names(x), unique = TRUE)
  x[] <- lapply(x, signif, digits = 6)
  result <- x
  result[[if (task == "classification") "class" else "target"]] <- if (task == "classification") y else signif(y, 6)
  write.csv(result, file.path(out, paste0(name, ".csv")), row.names = FALSE, quote = FALSE)
  cat(sprintf("%-14s %-14s %5d rows %3d features\n", name, task, nrow(x), ncol(x)))
}

data(BreastCancer)
write_set("breast_cancer", BreastCancer[, -1], "Class", "classification")
data(PimaIndiansDiabetes)
write_set("pima", PimaIndiansDiabetes, "diabetes", "classification")
data(Sonar)
write_set("sonar", Sonar, "Class", "classification")
data(Ionosphere)
write_set("ionosphere", Ionosphere, "Class", "classification")
data(Glass)
write_set("glass", Glass, "Type", "classification")
data(Vehicle)
write_set("vehicle", Vehicle, "Class", "classification")
data(Satellite)
write_set("satellite", Satellite, "classes", "classification")
data(penguins)
write_set("penguins", penguins, "species", "classification")
data(two_class_dat)
write_set("two_class", two_class_dat, "Class", "classification")
data(cells)
write_set("cells", cells[, setdiff(names(cells), "case")], "class", "classification", max_rows = 1500)
data(hpc_data)
write_set("hpc", hpc_data[, c("compounds", "input_fields", "iterations", "num_pending", "hour", "class")],
          "class", "classification")
write_set("iris", datasets::iris, "Species", "classification")

data(BostonHousing)
write_set("boston", BostonHousing, "medv", "regression")
data(concrete)
write_set("concrete", concrete, "compressive_strength", "regression")
data(biomass)
write_set("biomass", biomass[, c("carbon", "hydrogen", "oxygen", "nitrogen", "sulfur", "HHV")], "HHV", "regression")
data(ames)
ames_numeric <- ames[, vapply(ames, is.numeric, logical(1))]
write_set("ames", ames_numeric, "Sale_Price", "regression", max_rows = 1500)
data(Sacramento)
write_set("sacramento", Sacramento[, c("beds", "baths", "sqft", "type", "latitude", "longitude", "price")],
          "price", "regression")
write_set("quakes", datasets::quakes, "mag", "regression")
data(Chicago)
chicago <- Chicago[, setdiff(names(Chicago), "date")]
write_set("chicago", chicago, "ridership", "regression")
data(meats)
write_set("meats", meats[, c(paste0("x_", sprintf("%03d", 1:100)), "water")], "water", "regression")
data(car_prices)
write_set("car_prices", car_prices, "Price", "regression")
